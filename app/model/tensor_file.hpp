// Tensors in a .npy or .safetensors file, read the way numpy and safetensors write them:
//   .npy: numpy's format spec (numpy/lib/format.py, NEP 1): "\x93NUMPY", version 1.0/2.0/3.0,
//         a little-endian header length (2 or 4 bytes), a Python-literal dict with 'descr',
//         'fortran_order' and 'shape', then the data in C order.
//   .safetensors: huggingface/safetensors README "Format": an 8-byte little-endian header
//         length N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}} plus an
//         optional "__metadata__", then the data; offsets count from the end of the header.
// The file is memory-mapped and only headers are parsed on open: reading one tensor of a 1 GB
// checkpoint touches its header pages and that tensor's bytes, nothing else.
// Every malformed input throws one InvalidArgument "<path>: <what is wrong>".
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/learned_table.hpp"
#include "mapped_file.hpp"

namespace peviz {

struct TensorInfo {
  std::string name;   // safetensors key; for .npy the file's stem
  std::string dtype;  // "F32", "F64", "F16", "BF16" (npy: <f4 -> F32, <f8 -> F64, <f2 -> F16);
                      // safetensors' other dtypes ("I64", ...) are listed but not read
  std::vector<std::int64_t> shape;
  std::uint64_t offset = 0, bytes = 0;  // of the data within the file
};

class TensorFile {  // a .npy or .safetensors file, memory-mapped; only headers are parsed on open
 public:
  // Throws InvalidArgument("<path>: <what>").
  explicit TensorFile(const std::filesystem::path& file);
  const std::filesystem::path& path() const { return path_; }
  // In the order of their data in the file.
  const std::vector<TensorInfo>& tensors() const { return tensors_; }
  // Throws InvalidArgument for an unknown name, with "did you mean" (core/text closest()).
  const TensorInfo& find(std::string_view name) const;
  // A 1-D (as one column) or 2-D tensor, rows [first, first + count) (count -1: to the end), as
  // doubles (F16 and BF16 converted exactly). Rows are the tensor's first axis.
  Eigen::MatrixXd read(const TensorInfo& t, long first = 0, long count = -1) const;

 private:
  std::filesystem::path path_;
  MappedFile map_;
  std::vector<TensorInfo> tensors_;
};

// The position table of a file: the tensor called `name` when given, else the only 2-D
// floating-point tensor, else the first 2-D one whose name ends in "wpe.weight" or
// "position_embeddings.weight"; throws otherwise (the message lists the 2-D tensors and says to
// pass --tensor NAME).
const TensorInfo& position_tensor(const TensorFile& file, std::string_view name = "");

// The limits load_position_table enforces: a table is at most 2^26 entries (512 MB as doubles)
// and at most 65536 dimensions wide.
inline constexpr std::int64_t kMaxTableEntries = std::int64_t{1} << 26;
inline constexpr std::int64_t kMaxTableDim = 65536;

// position_tensor + read + the limits above, as core's PositionTable with source
// "model.safetensors: wpe.weight (F32, 1024 x 768)". Refuses an empty table and one holding NaN
// or infinity (naming the position and column of the first).
PositionTable load_position_table(const std::filesystem::path& file, std::string_view tensor = "");

// Exact conversions of the 16-bit floats (IEEE 754 binary16; bfloat16 = the top half of a
// binary32), subnormals, infinities and NaN included.
double half_to_double(std::uint16_t bits);
double bfloat16_to_double(std::uint16_t bits);

}  // namespace peviz
