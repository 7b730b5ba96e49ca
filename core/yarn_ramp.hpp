// YaRN's ramp as the paper writes it (Peng, Quesnelle, Fan, Shippole, "YaRN: Efficient Context
// Window Extension of Large Language Models", arXiv:2309.00071, Sec. 3.2 "NTK-by-parts",
// Eqs. 17-18): pair d of RoPE has wavelength lambda_d = 2 pi base^(2d/|D|) and turns
//   r(d) = L / lambda_d
// times in the trained context L. The ramp
//   gamma(r) = 0 for r < alpha, 1 for r > beta, (r - alpha) / (beta - alpha) otherwise
// blends h(theta_d) = (1 - gamma(r(d))) theta_d / s + gamma(r(d)) theta_d: pairs that turn
// fewer than alpha times are interpolated like PI, pairs that turn more than beta times are
// kept. For Llama alpha = 1, beta = 32. (The reference code ramps linearly in the pair index
// instead, between the rounded correction dimensions: core/rope_scaling.hpp; the two agree
// outside the ramp and differ inside it, docs/formulas.md Sec. 7.)
// Its temperature (Eq. 22): sqrt(1/t) = 0.1 ln s + 1, which multiplies q and k, so the logits
// are multiplied by 1/t = (0.1 ln s + 1)^2 (core/rope_scaling.hpp yarn_mscale).
#pragma once

#include <Eigen/Core>

namespace peviz {

// gamma(r) for each r (alpha < beta).
Eigen::VectorXd yarn_gamma(const Eigen::Ref<const Eigen::VectorXd>& r, double alpha, double beta);

// r(d) = L / lambda_d for the pairs d = 0..dim/2-1 (dim even, base > 1).
Eigen::VectorXd yarn_rotations(int dim, double base, double context);

}  // namespace peviz
