// Every view of the explorer, in the order the sidebar lists them.
#pragma once

#include <memory>
#include <vector>

#include "view.hpp"

namespace peviz {

std::vector<std::unique_ptr<View>> make_views();

}  // namespace peviz
