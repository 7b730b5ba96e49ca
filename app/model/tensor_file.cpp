#include "tensor_file.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {

namespace {

using json = nlohmann::json;

constexpr std::uint64_t kMaxSafetensorsHeader = 100u * 1000u * 1000u;  // 100 MB
constexpr int kMaxJsonDepth = 64;  // a real header nests 3 deep; deeper is not a header

// Little-endian integers from bytes, whatever the machine's byte order.
std::uint64_t load_le(const std::byte* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | std::to_integer<std::uint64_t>(p[i]);
  return v;
}

// a * b, or nothing when it overflows 2^63 - 1 (shapes and byte counts stay int64-sized).
std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b) {
  constexpr std::uint64_t kMax = static_cast<std::uint64_t>(INT64_MAX);
  if (a != 0 && b > kMax / a) return std::nullopt;
  return a * b;
}

// Bytes per element of a safetensors dtype (safetensors/src/tensor.rs, Dtype::size), 0 when
// unknown.
std::uint64_t item_size(std::string_view dtype) {
  if (dtype == "F64" || dtype == "I64" || dtype == "U64") return 8;
  if (dtype == "F32" || dtype == "I32" || dtype == "U32") return 4;
  if (dtype == "F16" || dtype == "BF16" || dtype == "I16" || dtype == "U16") return 2;
  if (dtype == "BOOL" || dtype == "U8" || dtype == "I8" || dtype == "F8_E4M3" || dtype == "F8_E5M2")
    return 1;
  return 0;
}

bool readable_dtype(std::string_view dtype) {
  return dtype == "F32" || dtype == "F64" || dtype == "F16" || dtype == "BF16";
}

// "1024 x 768", "1024", "scalar".
std::string shape_text(const std::vector<std::int64_t>& shape) {
  if (shape.empty()) return "scalar";
  std::string s;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += " x ";
    s += std::to_string(shape[i]);
  }
  return s;
}

// At most `limit` names, then "and N more".
std::string name_list(const std::vector<std::string>& names, std::size_t limit = 8) {
  if (names.size() <= limit) return join(names);
  std::vector<std::string> first(names.begin(), names.begin() + static_cast<long>(limit));
  return join(first) + " and " + std::to_string(names.size() - limit) + " more";
}

// --- .npy ---------------------------------------------------------------------------------------

// The header dict of a .npy file, a Python literal such as
// {'descr': '<f4', 'fortran_order': False, 'shape': (1024, 768), }  (numpy/lib/format.py).
class PyDictParser {
 public:
  explicit PyDictParser(std::string_view text) : s_(text) {}

  struct Header {
    std::optional<std::string> descr;
    std::optional<bool> fortran_order;
    std::optional<std::vector<std::int64_t>> shape;
  };

  Header parse() {
    Header h;
    skip_space();
    expect('{');
    while (true) {
      skip_space();
      if (peek() == '}') {
        ++i_;
        break;
      }
      const std::string key = string();
      skip_space();
      expect(':');
      skip_space();
      if (key == "descr") {
        if (peek() == '[')
          throw std::string("structured dtypes ('descr' a list) are not supported");
        h.descr = string();
      } else if (key == "fortran_order") {
        h.fortran_order = boolean();
      } else if (key == "shape") {
        h.shape = tuple();
      } else {
        throw std::string("unexpected key '" + key + "' in the header");
      }
      skip_space();
      if (peek() == ',') {
        ++i_;
      } else if (peek() != '}') {
        throw std::string("expected ',' or '}' in the header at byte " + std::to_string(i_));
      }
    }
    skip_space();
    if (i_ != s_.size()) throw std::string("unexpected text after the header's dict");
    return h;
  }

 private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  void expect(char c) {
    if (peek() != c)
      throw std::string("expected '") + c + "' in the header at byte " + std::to_string(i_);
    ++i_;
  }
  std::string string() {
    const char quote = peek();
    if (quote != '\'' && quote != '"')
      throw std::string("expected a quoted string in the header at byte " + std::to_string(i_));
    ++i_;
    const std::size_t end = s_.find(quote, i_);
    if (end == std::string_view::npos) throw std::string("unterminated string in the header");
    std::string out(s_.substr(i_, end - i_));
    i_ = end + 1;
    return out;
  }
  bool boolean() {
    if (s_.substr(i_, 4) == "True") {
      i_ += 4;
      return true;
    }
    if (s_.substr(i_, 5) == "False") {
      i_ += 5;
      return false;
    }
    throw std::string("expected True or False in the header at byte " + std::to_string(i_));
  }
  std::vector<std::int64_t> tuple() {
    expect('(');
    std::vector<std::int64_t> out;
    while (true) {
      skip_space();
      if (peek() == ')') {
        ++i_;
        return out;
      }
      if (peek() < '0' || peek() > '9')
        throw std::string("expected a dimension in 'shape' at byte " + std::to_string(i_));
      std::uint64_t v = 0;
      while (peek() >= '0' && peek() <= '9') {
        const auto next = checked_mul(v, 10);
        if (!next || *next > static_cast<std::uint64_t>(INT64_MAX) - (peek() - '0'))
          throw std::string("a dimension in 'shape' is too large");
        v = *next + static_cast<std::uint64_t>(peek() - '0');
        ++i_;
      }
      if (peek() == 'L') ++i_;  // Python 2 longs: (1024L, 768L)
      out.push_back(static_cast<std::int64_t>(v));
      if (out.size() > 32) throw std::string("'shape' has more than 32 dimensions");
      skip_space();
      if (peek() == ',') {
        ++i_;
      } else if (peek() != ')') {
        throw std::string("expected ',' or ')' in 'shape' at byte " + std::to_string(i_));
      }
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

TensorInfo parse_npy(std::span<const std::byte> file, const std::string& stem) {
  const auto fail = [](const std::string& what) -> void { throw std::string(what); };
  // Magic (6 bytes), version (2), header length (2 bytes for 1.0, 4 for 2.0 and 3.0).
  if (file.size() < 10)
    fail("too short for a .npy file (" + std::to_string(file.size()) + " bytes)");
  const int major = std::to_integer<int>(file[6]);
  const int minor = std::to_integer<int>(file[7]);
  if (major < 1 || major > 3 || minor != 0)
    fail(".npy format version " + std::to_string(major) + "." + std::to_string(minor) +
         " is not supported (1.0, 2.0 or 3.0)");
  const std::size_t prefix = major == 1 ? 10 : 12;
  if (file.size() < prefix) fail("the .npy header length is cut off");
  const std::uint64_t header_len = load_le(file.data() + 8, major == 1 ? 2 : 4);
  if (header_len > file.size() - prefix)
    fail("the .npy header says " + std::to_string(header_len) + " bytes but the file has " +
         std::to_string(file.size() - prefix) + " after the prefix");
  const std::string_view header(reinterpret_cast<const char*>(file.data() + prefix),
                                static_cast<std::size_t>(header_len));
  const PyDictParser::Header h = PyDictParser(header).parse();
  if (!h.descr || !h.fortran_order || !h.shape)
    fail("the .npy header lacks 'descr', 'fortran_order' or 'shape'");
  if (*h.fortran_order) fail("Fortran order is not supported; save with np.ascontiguousarray");

  TensorInfo t;
  t.name = stem;
  const std::string& d = *h.descr;
  const char order = d.empty() ? '\0' : d[0];
  const std::string kind = d.size() > 1 ? d.substr(1) : "";
  const bool known_kind = kind == "f2" || kind == "f4" || kind == "f8";
  if (order == '>' && known_kind)
    fail("big-endian data ('" + d + "') is not supported; save with a.astype('<" + kind + "')");
  if ((order != '<' && order != '=' && order != '|') || !known_kind)
    fail("dtype '" + d + "' is not supported (float16, float32 or float64: '<f2', '<f4', '<f8')");
  t.dtype = kind == "f2" ? "F16" : kind == "f4" ? "F32" : "F64";
  t.shape = *h.shape;
  if (t.shape.empty() || t.shape.size() > 2)
    fail("the array is " + std::to_string(t.shape.size()) + "-D; a table is 1-D or 2-D");
  std::uint64_t count = 1;
  for (std::int64_t n : t.shape) {
    const auto c = checked_mul(count, static_cast<std::uint64_t>(n));
    if (!c) fail("the shape (" + shape_text(t.shape) + ") is too large");
    count = *c;
  }
  const auto bytes = checked_mul(count, item_size(t.dtype));
  if (!bytes) fail("the shape (" + shape_text(t.shape) + ") is too large");
  t.offset = prefix + header_len;
  t.bytes = *bytes;
  if (t.bytes > file.size() - t.offset)
    fail("the data is cut off: shape " + shape_text(t.shape) + " needs " + std::to_string(t.bytes) +
         " bytes, the file has " + std::to_string(file.size() - t.offset));
  return t;
}

// --- .safetensors -------------------------------------------------------------------------------

// Nesting deeper than kMaxJsonDepth (outside strings); keeps the JSON parser's recursion small.
bool too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::uint64_t json_count(const json& v, const std::string& what) {
  if (!v.is_number_unsigned()) throw std::string(what + " must be a non-negative integer");
  const auto n = v.get<std::uint64_t>();
  if (n > static_cast<std::uint64_t>(INT64_MAX)) throw std::string(what + " is too large");
  return n;
}

std::vector<TensorInfo> parse_safetensors(std::span<const std::byte> file) {
  const auto fail = [](const std::string& what) -> void { throw std::string(what); };
  if (file.size() < 8)
    fail("too short for a .safetensors file (" + std::to_string(file.size()) + " bytes)");
  const std::uint64_t n = load_le(file.data(), 8);
  if (n > file.size() - 8)
    fail("the header length " + std::to_string(n) + " exceeds the file's " +
         std::to_string(file.size() - 8) + " bytes after it");
  if (n > kMaxSafetensorsHeader)
    fail("the header length " + std::to_string(n) + " is over the limit of 100 MB");
  const std::string_view text(reinterpret_cast<const char*>(file.data() + 8),
                              static_cast<std::size_t>(n));
  if (too_deep(text)) fail("the header's JSON nests too deeply");
  json header;
  try {
    header = json::parse(text);
  } catch (const json::exception& e) {
    const std::string what = e.what();
    const std::size_t at = what.find("] ");
    fail("the header is not valid JSON (" + (at == std::string::npos ? what : what.substr(at + 2)) +
         ")");
  }
  if (!header.is_object()) fail("the header is not a JSON object");
  const std::uint64_t base = 8 + n;
  const std::uint64_t data_size = file.size() - base;
  std::vector<TensorInfo> out;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") continue;
    const std::string where = "tensor \"" + name + "\"";
    if (!entry.is_object()) fail(where + " is not a JSON object");
    if (!entry.contains("dtype") || !entry["dtype"].is_string())
      fail(where + ": \"dtype\" is missing or not a string");
    if (!entry.contains("shape") || !entry["shape"].is_array())
      fail(where + ": \"shape\" is missing or not an array");
    if (!entry.contains("data_offsets") || !entry["data_offsets"].is_array() ||
        entry["data_offsets"].size() != 2)
      fail(where + ": \"data_offsets\" must be an array [begin, end]");
    TensorInfo t;
    t.name = name;
    t.dtype = entry["dtype"].get<std::string>();
    std::uint64_t count = 1;
    for (const json& dim : entry["shape"]) {
      const std::uint64_t v = json_count(dim, where + ": a dimension of \"shape\"");
      t.shape.push_back(static_cast<std::int64_t>(v));
      const auto c = checked_mul(count, v);
      if (!c) fail(where + ": the shape (" + shape_text(t.shape) + "...) is too large");
      count = *c;
    }
    const std::uint64_t begin = json_count(entry["data_offsets"][0], where + ": data_offsets[0]");
    const std::uint64_t end = json_count(entry["data_offsets"][1], where + ": data_offsets[1]");
    if (begin > end || end > data_size)
      fail(where + ": data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
           "] lie outside the " + std::to_string(data_size) + " bytes of data");
    const std::uint64_t size = item_size(t.dtype);
    if (size != 0) {
      const auto bytes = checked_mul(count, size);
      if (!bytes || *bytes != end - begin)
        fail(where + ": shape " + shape_text(t.shape) + " of " + t.dtype + " needs " +
             (bytes ? std::to_string(*bytes) : std::string("too many")) +
             " bytes, data_offsets give " + std::to_string(end - begin));
    }
    t.offset = base + begin;
    t.bytes = end - begin;
    out.push_back(std::move(t));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TensorInfo& a, const TensorInfo& b) { return a.offset < b.offset; });
  return out;
}

bool has_magic(std::span<const std::byte> file) {
  static constexpr char kMagic[] = "\x93NUMPY";
  return file.size() >= 6 && std::memcmp(file.data(), kMagic, 6) == 0;
}

}  // namespace

// IEEE 754-2008 binary16: sign, 5 exponent bits (bias 15), 10 fraction bits.
double half_to_double(std::uint16_t bits) {
  const double sign = (bits & 0x8000u) ? -1.0 : 1.0;
  const int exponent = (bits >> 10) & 0x1F;
  const int fraction = bits & 0x3FF;
  if (exponent == 0) return sign * std::ldexp(fraction, -24);  // zero and subnormals
  if (exponent == 31) return fraction == 0 ? sign * INFINITY : std::copysign(std::nan(""), sign);
  return sign * std::ldexp(1024 + fraction, exponent - 25);
}

// bfloat16 (Google Brain): the top 16 bits of an IEEE binary32.
double bfloat16_to_double(std::uint16_t bits) {
  return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16));
}

TensorFile::TensorFile(const std::filesystem::path& file) : path_(file), map_(file) {
  const std::span<const std::byte> bytes = map_.bytes();
  try {
    if (bytes.empty()) throw std::string("the file is empty");
    const std::string ext = lower(file.extension().string());
    if (has_magic(bytes)) {
      tensors_.push_back(parse_npy(bytes, file.stem().string()));
    } else if (ext == ".npy") {
      throw std::string("not a .npy file (it does not start with \\x93NUMPY)");
    } else if (ext == ".bin" || ext == ".pt" || ext == ".pth" || ext == ".ckpt") {
      throw std::string(
          "PyTorch pickle checkpoints are not read; use the model's .safetensors or "
          "save the table with numpy.save");
    } else {
      tensors_ = parse_safetensors(bytes);
    }
  } catch (const std::string& what) {
    throw InvalidArgument(path_.string() + ": " + what);
  }
}

const TensorInfo& TensorFile::find(std::string_view name) const {
  std::vector<std::string> names;
  for (const TensorInfo& t : tensors_) {
    if (t.name == name) return t;
    names.push_back(t.name);
  }
  const std::string word(name);
  const std::string guess = closest(word, names);
  if (!guess.empty())
    throw InvalidArgument(path_.string() + ": no tensor \"" + word + "\" (did you mean \"" + guess +
                          "\"?)");
  if (names.empty())
    throw InvalidArgument(path_.string() + ": no tensor \"" + word + "\" (the file has none)");
  throw InvalidArgument(path_.string() + ": no tensor \"" + word +
                        "\" (tensors: " + name_list(names) + ")");
}

Eigen::MatrixXd TensorFile::read(const TensorInfo& t, long first, long count) const {
  const auto fail = [&](const std::string& what) {
    throw InvalidArgument(path_.string() + ": tensor \"" + t.name + "\": " + what);
  };
  if (!readable_dtype(t.dtype)) fail("dtype " + t.dtype + " is not read (F32, F64, F16 or BF16)");
  if (t.shape.empty() || t.shape.size() > 2)
    fail("shape " + shape_text(t.shape) + " is not 1-D or 2-D");
  const std::int64_t rows = t.shape[0];
  const std::int64_t cols = t.shape.size() == 2 ? t.shape[1] : 1;
  const std::uint64_t size = item_size(t.dtype);
  const auto cells =
      checked_mul(static_cast<std::uint64_t>(rows), static_cast<std::uint64_t>(cols));
  const auto bytes = cells ? checked_mul(*cells, size) : std::nullopt;
  if (rows < 0 || cols < 0 || !bytes || *bytes != t.bytes || t.offset > map_.size() ||
      t.bytes > map_.size() - t.offset)
    fail("its shape, offset and size do not fit the file");
  if (first < 0 || first > rows)
    fail("first row " + std::to_string(first) + " is outside 0.." + std::to_string(rows));
  if (count < 0) {
    if (count != -1) fail("row count " + std::to_string(count) + " is negative");
    count = static_cast<long>(rows - first);
  }
  if (count > rows - first)
    fail("rows " + std::to_string(first) + ".." + std::to_string(first + count - 1) +
         " go past its " + std::to_string(rows) + " rows");
  Eigen::MatrixXd out(count, cols);
  const std::byte* data = map_.data() + t.offset;
  const int kind = t.dtype == "F64" ? 0 : t.dtype == "F32" ? 1 : t.dtype == "F16" ? 2 : 3;
  for (long r = 0; r < count; ++r) {
    const std::byte* row =
        data + static_cast<std::uint64_t>(first + r) * static_cast<std::uint64_t>(cols) * size;
    for (std::int64_t c = 0; c < cols; ++c) {
      const std::byte* p = row + static_cast<std::uint64_t>(c) * size;
      double v = 0.0;
      switch (kind) {
        case 0:
          v = std::bit_cast<double>(load_le(p, 8));
          break;
        case 1:
          v = std::bit_cast<float>(static_cast<std::uint32_t>(load_le(p, 4)));
          break;
        case 2:
          v = half_to_double(static_cast<std::uint16_t>(load_le(p, 2)));
          break;
        default:
          v = bfloat16_to_double(static_cast<std::uint16_t>(load_le(p, 2)));
          break;
      }
      out(r, static_cast<Eigen::Index>(c)) = v;
    }
  }
  return out;
}

const TensorInfo& position_tensor(const TensorFile& file, std::string_view name) {
  if (!name.empty()) return file.find(name);
  std::vector<const TensorInfo*> tables;
  for (const TensorInfo& t : file.tensors()) {
    if (t.shape.size() == 2 && readable_dtype(t.dtype)) tables.push_back(&t);
  }
  if (tables.size() == 1) return *tables.front();
  for (const TensorInfo* t : tables) {
    const std::string_view n = t->name;
    if (n.ends_with("wpe.weight") || n.ends_with("position_embeddings.weight")) return *t;
  }
  const std::string path = file.path().string();
  if (tables.empty()) {
    throw InvalidArgument(
        path + ": no 2-D floating-point tensor to use as a position table" +
        (file.tensors().empty() ? std::string(" (the file has no tensors)") : ""));
  }
  std::vector<std::string> names;
  for (const TensorInfo* t : tables) names.push_back(t->name);
  throw InvalidArgument(path + ": " + std::to_string(tables.size()) +
                        " 2-D tensors and none is named like a position table (" +
                        name_list(names) + "); pass --tensor NAME");
}

PositionTable load_position_table(const std::filesystem::path& file, std::string_view tensor) {
  const TensorFile f(file);
  const TensorInfo& t = position_tensor(f, tensor);
  const std::string where = file.string() + ": tensor \"" + t.name + "\"";
  if (t.shape.size() != 2)
    throw InvalidArgument(where + " has shape " + shape_text(t.shape) +
                          "; a position table is 2-D (positions x d)");
  const std::int64_t rows = t.shape[0], cols = t.shape[1];
  if (rows == 0 || cols == 0)
    throw InvalidArgument(where + " is empty (" + shape_text(t.shape) + ")");
  if (cols > kMaxTableDim)
    throw InvalidArgument(where + " has " + std::to_string(cols) +
                          " dimensions, over the limit of 65536");
  if (rows > kMaxTableEntries / cols)
    throw InvalidArgument(where + " (" + shape_text(t.shape) +
                          ") has over 2^26 entries, the limit for a table");
  PositionTable table;
  table.values = f.read(t);
  for (Eigen::Index p = 0; p < table.values.rows(); ++p) {
    for (Eigen::Index c = 0; c < table.values.cols(); ++c) {
      const double v = table.values(p, c);
      if (!std::isfinite(v))
        throw InvalidArgument(where + " holds " + (std::isnan(v) ? "NaN" : "infinity") +
                              " at position " + std::to_string(p) + ", column " +
                              std::to_string(c));
    }
  }
  table.source =
      file.filename().string() + ": " + t.name + " (" + t.dtype + ", " + shape_text(t.shape) + ")";
  return table;
}

}  // namespace peviz
