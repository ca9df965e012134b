package dev.hydra.heads;

import java.util.Locale;

/**
 * The shape of a per-user head on top of the shared base's output of width {@code h}.
 *
 * <p>Both kinds are two linear layers with a {@code tanh} between them and two output logits (label 0 and
 * label 1); they differ in the inner width {@code m}:
 * <ul>
 *   <li>{@link #HYDRA}: {@code Linear(h,h) -> tanh -> Linear(h,2)}, as in the paper; {@code m = h}.
 *   <li>{@link #LOWRANK}: {@code Linear(h,r) -> tanh -> Linear(r,2)}; {@code m = r} (default 8), a head of
 *       {@code h*r + r + 2r + 2} floats.
 * </ul>
 *
 * @since 0.1
 */
public enum HeadKind {
    /** The paper's head: inner width equal to the base's output width. */
    HYDRA,
    /** A low-rank head: inner width {@code r}. */
    LOWRANK;

    /**
     * The name used in configurations and stored files.
     *
     * @return {@code "hydra"} or {@code "lowrank"}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a label.
     *
     * @param label {@code "hydra"} or {@code "lowrank"}, any case; never {@code null}
     * @return the kind
     * @throws IllegalArgumentException for any other label; the message lists the known ones
     */
    public static HeadKind of(String label) {
        for (HeadKind kind : values()) {
            if (kind.label().equalsIgnoreCase(label.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown head kind \"" + label + "\": known are hydra, lowrank");
    }
}
