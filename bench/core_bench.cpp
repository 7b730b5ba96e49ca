// Core benchmarks. The pair to read together: the sinusoidal similarity grid
// through its Toeplitz structure (O(N d) trigonometry + an O(N^2) fill) against
// the general Gram matrix of the encoding (O(N^2 d)). Run:
//   ./build/bench/peviz_core_bench --benchmark_filter=Similarity
// Every round writes a fresh result, so first touches of memory count: bench/compare_numpy.py
// runs this with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (huge pages, as numpy's own arrays).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/attention.hpp"
#include "core/attention_identity.hpp"
#include "core/embedding.hpp"
#include "core/similarity.hpp"
#include "core/sinusoidal.hpp"

namespace {

void SimilarityToeplitz(benchmark::State& state) {
  const peviz::SinusoidalParams p{static_cast<int>(state.range(1)), 10000.0, state.range(0), 0,
                                  peviz::Layout::Interleaved};
  for (auto _ : state) {
    benchmark::DoNotOptimize(peviz::sinusoidal_similarity_grid(p, peviz::Metric::Cosine).data());
  }
}

void SimilarityGeneral(benchmark::State& state) {
  const peviz::SinusoidalParams p{static_cast<int>(state.range(1)), 10000.0, state.range(0), 0,
                                  peviz::Layout::Interleaved};
  for (auto _ : state) {
    const Eigen::MatrixXd pe = peviz::sinusoidal_encoding(p);
    benchmark::DoNotOptimize(peviz::similarity_grid(pe, peviz::Metric::Cosine).data());
  }
}

void EncodingMatrix(benchmark::State& state) {
  const peviz::SinusoidalParams p{static_cast<int>(state.range(1)), 10000.0, state.range(0), 0,
                                  peviz::Layout::Interleaved};
  for (auto _ : state) benchmark::DoNotOptimize(peviz::sinusoidal_encoding(p).data());
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
}

// The playground's largest case: 200 words at d = 4096 with identity projections.
void AttendIdentity(benchmark::State& state) {
  std::vector<std::string> words;
  for (int i = 0; i < state.range(0); ++i) words.push_back("w" + std::to_string(i % 37));
  const Eigen::MatrixXd e = peviz::embed_tokens(words, static_cast<int>(state.range(1)));
  peviz::AttentionParams p;
  p.scheme = peviz::Scheme::Rope;
  p.mask = peviz::Mask::Causal;
  p.d = static_cast<int>(state.range(1));
  p.identity_projections = true;
  for (auto _ : state) benchmark::DoNotOptimize(peviz::attend_identity(e, p).weights.data());
}

}  // namespace

BENCHMARK(AttendIdentity)->Args({200, 4096})->Unit(benchmark::kMillisecond);
BENCHMARK(SimilarityToeplitz)->Args({1024, 512})->Args({2048, 1024})->Unit(benchmark::kMillisecond);
BENCHMARK(SimilarityGeneral)->Args({1024, 512})->Args({2048, 1024})->Unit(benchmark::kMillisecond);
BENCHMARK(EncodingMatrix)->Args({8192, 1024})->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
