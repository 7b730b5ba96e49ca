// View "long-context": one RoPE model stretched from its trained context L to
// L' = s L under every long-context scaling at once (none, linear PI, NTK-aware,
// dynamic NTK, YaRN, Llama 3.1), overlaid per dimension pair: the wavelength of each
// pair (log scale, with L and L' marked and the pairs that never turn within L
// shaded), where YaRN ramps and Llama 3.1 blends, and the interpolation factor
// w'/w of each pair (1 = untouched, 1/s = fully interpolated) or the turns each pair
// makes over L'.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/rope_scaling.hpp"
#include "view.hpp"

namespace peviz {

enum class LongContextLower { Factor, Turns };
// The lower chart's names on the command line, in enum order.
inline constexpr std::array<const char*, 2> kLongContextLowerNames{"factor", "turns"};

struct LongContextParams {
  // The scalings overlaid, comma-separated, in any order ("all" = every one).
  std::string scalings = "none,linear,ntk,dynamic-ntk,yarn,llama3";
  // Lower chart: the interpolation factor w'/w per pair, or the full turns over L'.
  LongContextLower lower = LongContextLower::Factor;

  void visit(ParamVisitor& v);
};

class LongContextView : public View {
 public:
  const char* name() const override { return "long-context"; }
  const char* title() const override { return "Long context"; }
  std::vector<Scheme> schemes() const override { return {Scheme::Rope}; }
  std::vector<std::string> shared_fields(const SharedParams& shared) const override;
  std::string explanation(const SharedParams& shared) const override;
  void visit(ParamVisitor& v) override { params_.visit(v); }
  FigureBuilder builder(const SharedParams& shared,
                        const plot::FigureRequest& request) const override;

 private:
  LongContextParams params_;
};

// The scalings a "scalings" list names, in the fixed order none, linear, ntk,
// dynamic-ntk, yarn, llama3 (throws InvalidArgument on an unknown name or an empty list).
std::vector<Scaling> parse_scalings(const std::string& list);
plot::Figure long_context_figure(const SharedParams& shared, const LongContextParams& params,
                                 const plot::FigureRequest& request);

}  // namespace peviz
