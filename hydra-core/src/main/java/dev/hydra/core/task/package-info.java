/**
 * The built-in tasks: the five tasks of the project's benchmark, LaMP-1 to LaMP-7, and free-form chat.
 *
 * <p>Each is a {@link dev.hydra.api.spi.TaskSpec} with LaMP's prompt template, HYDRA's demonstration format
 * (user: the item's input under the template, assistant: the item's output), its output kind, labels and
 * parser. {@link dev.hydra.core.task.BuiltInTasks#all()} lists them; they are also registered in
 * {@code META-INF/services} one class per kind
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.core.task;
