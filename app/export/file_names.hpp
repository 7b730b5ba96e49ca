// Default file names of exported figures: the view and its key parameters
// ("encoding_sinusoidal_d128_n64"), or what differs between compared panels
// ("similarity_sinusoidal_vs_learned"), made safe for any file system.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace peviz {

using NamedValue = std::pair<std::string, std::string>;  // a parameter as on the command line

// Letters, digits, '.', '-' and '_' only: every other run of characters becomes one
// '_' (spaces, '/', ':', quotes, non-ASCII bytes); no leading '.', '-' or '_' (a hidden
// file, an option), no trailing '_' or '.'; "figure" when nothing is left.
std::string sanitize_file_name(const std::string& name);

// The default file name, without extension, of a view drawn with `values` (the
// parameters it uses, by command-line name, as compare::used_values lists them):
// the view, the scheme when the view shows several (`name_scheme`), then its key
// parameters: d and positions always, the others when they differ from their
// default: "encoding_sinusoidal_d128_n64", "alibi_h12_n100_causal",
// "long-context_d128_base500000_ctx8192_x8".
std::string default_file_stem(const std::string& view, const std::vector<NamedValue>& values,
                              bool name_scheme);

// The default file name of a comparison, without extension: the view, then for each
// panel the values that differ between the panels (named as above), "_vs_" between
// panels: "similarity_sinusoidal_vs_learned", "rope-decay_base10000_vs_base500000";
// "<view>_compare" when no value differs.
std::string compare_file_stem(const std::string& view,
                              const std::vector<std::vector<NamedValue>>& panels);

}  // namespace peviz
