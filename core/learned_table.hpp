// A real learned position table (GPT-2's wpe.weight, BERT's position_embeddings.weight),
// loaded from a file by app/model and handed to core as plain numbers: rows are positions
// 0..rows-1, columns are dimensions.
#pragma once

#include <Eigen/Core>
#include <string>

namespace peviz {

struct PositionTable {
  Eigen::MatrixXd values;  // positions x d
  std::string source;      // "model.safetensors: wpe.weight (F32, 1024 x 768)"
};

}  // namespace peviz
