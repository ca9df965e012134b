/**
 * Small, correct reference implementations of every extension point, and the {@code *CompatibilityTest}
 * classes that run the kits against them: the kits must pass on correct code. Each is named {@code Reference*}
 * so that none is mistaken for the real implementation of the same kind in hydra-heads ({@code FileHeadStore}),
 * hydra-retrievers ({@code DenseRetrieverProvider}, {@code RecencyRetrieverProvider}) or hydra-example-plugin
 * ({@code KeywordOverlapRetrieverProvider}).
 */
package dev.hydra.testkit.reference;
