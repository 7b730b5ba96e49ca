#include "names.hpp"

#include <array>
#include <utility>

#include "core/validate.hpp"

namespace peviz {
namespace {

template <typename Enum, std::size_t N>
Enum lookup(const char* option, const std::string& name,
            const std::array<std::pair<const char*, Enum>, N>& table) {
  std::string choices;
  for (const auto& [text, value] : table) {
    if (name == text) return value;
    if (!choices.empty()) choices += ", ";
    choices += text;
  }
  std::string message = "unknown ";
  message.append(option).append(" '").append(name).append("' (choose ").append(choices).append(")");
  throw InvalidArgument(message);
}

}  // namespace

Layout parse_layout(const std::string& name) {
  return lookup<Layout, 2>("--layout", name,
                           {{{"interleaved", Layout::Interleaved}, {"concat", Layout::Concat}}});
}

RopePairing parse_pairing(const std::string& name) {
  return lookup<RopePairing, 2>(
      "--pairing", name,
      {{{"interleaved", RopePairing::Interleaved}, {"half-split", RopePairing::HalfSplit}}});
}

Scaling parse_scaling(const std::string& name) {
  return lookup<Scaling, 6>("--scaling", name,
                            {{{"none", Scaling::None},
                              {"linear", Scaling::Linear},
                              {"ntk", Scaling::Ntk},
                              {"dynamic-ntk", Scaling::DynamicNtk},
                              {"yarn", Scaling::Yarn},
                              {"llama3", Scaling::Llama3}}});
}

Metric parse_metric(const std::string& name) {
  return lookup<Metric, 2>("--metric", name, {{{"cosine", Metric::Cosine}, {"dot", Metric::Dot}}});
}

Scheme parse_scheme(const std::string& name) {
  return lookup<Scheme, 6>("--scheme", name,
                           {{{"sinusoidal", Scheme::Sinusoidal},
                             {"learned", Scheme::Learned},
                             {"rope", Scheme::Rope},
                             {"alibi", Scheme::Alibi},
                             {"nope", Scheme::Nope},
                             {"t5", Scheme::T5}}});
}

Mask parse_mask(const std::string& name) {
  return lookup<Mask, 2>("--mask", name, {{{"causal", Mask::Causal}, {"none", Mask::None}}});
}

}  // namespace peviz
