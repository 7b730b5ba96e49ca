// The playground's permutation panel (playground_panels.hpp): the sentence and its
// reordering, the largest output difference after un-shuffling as one big number, and the
// verdict, as fully as the panel's box allows.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "app/plot/figure.hpp"
#include "app/plot/style.hpp"
#include "core/permutation.hpp"
#include "playground_panels.hpp"

namespace peviz::playground {

// The permutation demo: the sentence and its reordering (chips with arrows, or in words),
// the largest output difference after un-shuffling as one big number, the verdict, and the
// numbers of panels the layout left out.
struct PermutationFacts {
  std::vector<std::string> tokens, second;
  std::optional<std::vector<int>> perm;
  bool identity_perm = false;
  std::optional<PermutationTest> test;
  Eigen::VectorXd row_diff;
  double tol = 1e-9;
  bool blind = false;
  plot::Color verdict_color;
  std::vector<std::string> verdicts, reasons;  // wordings, longest first
  std::vector<std::string> extras;             // the left-out panels' numbers, in lines
};

// Fills `pm` (its title too) for a panel covering `area`; false when not even the verdict
// fits (with `force`, as much of it as there is room for is placed anyway).
bool permutation_panel(const PermutationFacts& f, const plot::Style& style, plot::Panel& pm,
                       const Box& area, bool force);

}  // namespace peviz::playground
