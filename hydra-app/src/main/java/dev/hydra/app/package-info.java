/**
 * The application behind the {@code hydra} command line: a {@link dev.hydra.app.Workspace} that opens
 * Hydra's embedded defaults under {@code HYDRA_HOME} (the Lucene history, the frozen encoder, the cached black
 * box, trained models) and closes them in order.
 *
 * <p>Not an API: nothing here is exported.
 *
 * @since 0.1
 */
package dev.hydra.app;
