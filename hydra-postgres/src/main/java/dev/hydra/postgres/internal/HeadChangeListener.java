package dev.hydra.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on a PostgreSQL channel for the head changes other instances announce (NOTIFY), on a daemon thread
 * with its own connection, and hands each payload to a consumer. While it is not listening (before it started,
 * after a lost connection, until it listens again) {@link #listening()} is false and the caller must not trust
 * what it cached.
 */
public final class HeadChangeListener implements AutoCloseable {

    /** The channel head changes are announced on. */
    public static final String CHANNEL = "hydra_head_changed";

    private static final System.Logger LOG = System.getLogger(HeadChangeListener.class.getName());

    private final Supplier<Connection> connections;
    private final Consumer<String> onChange;
    private final Runnable onGap;
    private final AtomicBoolean listening = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;

    /**
     * Starts listening.
     *
     * @param name the thread's name
     * @param connections gives a fresh connection to listen on (closed by this listener)
     * @param onChange takes each announced payload
     * @param onGap called when notifications may have been missed (a lost connection): drop every cached entry
     */
    public HeadChangeListener(String name, Supplier<Connection> connections, Consumer<String> onChange,
            Runnable onGap) {
        this.connections = connections;
        this.onChange = onChange;
        this.onGap = onGap;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Whether notifications are being received now.
     *
     * @return true while listening
     */
    public boolean listening() {
        return listening.get();
    }

    private void run() {
        while (!closed.get()) {
            try (Connection c = connections.get()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening.set(true);
                while (!closed.get()) {
                    PGNotification[] notifications = pg.getNotifications(200);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            onChange.accept(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed.get()) {
                    LOG.log(System.Logger.Level.WARNING, "head change listener lost its connection; retrying: " + e);
                }
            } finally {
                listening.set(false);
                onGap.run();
            }
            if (!closed.get()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops listening and waits for the thread. */
    @Override
    public void close() {
        closed.set(true);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
