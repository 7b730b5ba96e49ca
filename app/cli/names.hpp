// Command-line and settings names of the core enumerations ("interleaved",
// "half-split", "dynamic-ntk", ...). Parsing an unknown name throws
// peviz::InvalidArgument listing the accepted names.
#pragma once

#include <string>

#include "core/attention.hpp"
#include "core/rope.hpp"
#include "core/rope_scaling.hpp"
#include "core/similarity.hpp"
#include "core/sinusoidal.hpp"

namespace peviz {

Layout parse_layout(const std::string& name);
RopePairing parse_pairing(const std::string& name);
Scaling parse_scaling(const std::string& name);
Metric parse_metric(const std::string& name);
Scheme parse_scheme(const std::string& name);
Mask parse_mask(const std::string& name);

}  // namespace peviz
