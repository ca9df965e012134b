/**
 * Coverage-guided fuzz targets of every reader of outside bytes. Each target class has Jazzer's
 * {@code fuzzerTestOneInput}, which {@code hydra check fuzz} runs for a given time ({@link FuzzCheck}), and a
 * JUnit {@code @FuzzTest} that replays the committed seeds and crashes in {@code mvn verify}. A target asserts
 * more than "no uncaught exception": what a reader accepts round-trips, a damaged checksummed file is rejected
 * or read as absent, never as other content ({@link WrongAccept}), and a rejection is a documented exception
 * with a message ({@link Rejections}).
 */
package dev.hydra.fuzz;
