// Is an alternative encoding bounded? Two numbers, and what "bounded" means here:
//   max_abs    max |PE(p, j)| over the rows p0 .. p0+N-1 and every column (computed);
//   supremum   sup |PE(p, j)| over every position p >= 0 of every length N (from the
//              formula): the smallest B with |PE(p, j)| <= B however long the sequence.
// "Stays bounded as N grows" is exactly "supremum is finite". Per kind
// (core/alternative_encoding.hpp):
//   Integer     +inf  PE(p, j) = p grows without limit
//   Normalised  1     for the positions of its own sequence, p in 0..L-1 (the price: the
//                     code of a position changes with the length L)
//   Binary      1     bits are 0 or 1
//   SinOnly     1     |sin| <= 1
//   Tan         +inf  column 0 is tan(p) (v_0 = 1); pi is irrational, so integers p come
//                     arbitrarily close to pi/2 + m pi, where tan has its poles: tan(11) =
//                     -225.95, and larger ones come later (p = 52174)
//   SinCos      1     |sin|, |cos| <= 1 (Vaswani et al., arXiv:1706.03762, Sec. 3.5)
// Cost O(N d), a chunk of rows at a time.
#pragma once

#include "alternative_encoding.hpp"
#include "progress.hpp"

namespace peviz {

struct AltBound {
  long positions = 0;     // rows checked (N)
  double max_abs = 0.0;   // largest |entry| over them (0 without rows)
  long max_position = 0;  // where it is
  int max_column = 0;
  double supremum = 0.0;  // over every position and length (+inf: unbounded)
  bool bounded = false;   // supremum is finite
};

// sup |PE(p, j)| over every p >= 0 and N (see above).
double alt_supremum(AltEncoding kind);

AltBound alternative_bound(const AltEncodingParams& params, const ProgressFn& progress = {});

}  // namespace peviz
