// app/model/tensor_file: .npy and .safetensors tables written byte by byte by the tiny writers
// below (no numpy here: CI has none), read back exactly in every dtype; the tensor choice rules;
// and a fuzz of both formats (every truncation, header bytes overwritten, seeded random
// mutations) in which every input either reads or throws one InvalidArgument.
#include "app/model/tensor_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/validate.hpp"

namespace peviz {
namespace {

namespace fs = std::filesystem;

// --- Tiny writers --------------------------------------------------------------------------------

void put_le(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Raw little-endian data of `values` in a dtype ("F32", "F64"; F16/BF16 take bit patterns).
std::string raw_f32(const std::vector<float>& values) {
  std::string out;
  for (float v : values) put_le(out, std::bit_cast<std::uint32_t>(v), 4);
  return out;
}
std::string raw_f64(const std::vector<double>& values) {
  std::string out;
  for (double v : values) put_le(out, std::bit_cast<std::uint64_t>(v), 8);
  return out;
}
std::string raw_u16(const std::vector<std::uint16_t>& bits) {
  std::string out;
  for (std::uint16_t b : bits) put_le(out, b, 2);
  return out;
}

// A .npy file as numpy.save writes it: magic, version, header length, the dict padded with
// spaces to a multiple of 64 bytes ending in '\n', the data.
std::string npy(const std::string& descr, const std::string& shape, const std::string& data,
                int major = 1, const std::string& fortran = "False") {
  std::string dict =
      "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
  const std::size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + dict.size() + 1) % 64 != 0) dict += ' ';
  dict += '\n';
  std::string out = "\x93NUMPY";
  out.push_back(static_cast<char>(major));
  out.push_back(0);
  put_le(out, dict.size(), major == 1 ? 2 : 4);
  return out + dict + data;
}

struct Entry {
  std::string name, dtype, shape;  // shape as JSON: "[2, 3]"
  std::string data;
};

// A .safetensors file: 8-byte length, the JSON header padded with spaces to 8 bytes, the data
// of the entries one after another.
std::string safetensors(const std::vector<Entry>& entries, bool metadata = true) {
  std::string header = "{";
  if (metadata) header += "\"__metadata__\":{\"format\":\"pt\"}";
  std::size_t offset = 0;
  std::string data;
  for (const Entry& e : entries) {
    if (header.size() > 1) header += ",";
    header += "\"" + e.name + "\":{\"dtype\":\"" + e.dtype + "\",\"shape\":" + e.shape +
              ",\"data_offsets\":[" + std::to_string(offset) + "," +
              std::to_string(offset + e.data.size()) + "]}";
    offset += e.data.size();
    data += e.data;
  }
  header += "}";
  while (header.size() % 8 != 0) header += ' ';
  std::string out;
  put_le(out, header.size(), 8);
  return out + header + data;
}

class TensorFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peviz_tensors_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path write(const std::string& name, const std::string& bytes) const {
    const fs::path p = dir_ / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  fs::path dir_;
};

template <typename F>
std::string refusal_of(F f) {
  try {
    f();
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "";
}

// 4 x 3, value 10 r + c.
std::vector<float> grid_values() {
  std::vector<float> v;
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 3; ++c) v.push_back(static_cast<float>(10 * r + c));
  return v;
}

void expect_grid(const Eigen::MatrixXd& m, long first = 0) {
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c)
      EXPECT_EQ(m(r, c), 10.0 * static_cast<double>(first + r) + static_cast<double>(c))
          << "at (" << r << ", " << c << ")";
}

// --- The 16-bit floats ---------------------------------------------------------------------------

TEST(HalfFloat, ExactValues) {
  EXPECT_EQ(half_to_double(0x3C00), 1.0);
  EXPECT_EQ(half_to_double(0x7BFF), 65504.0);
  EXPECT_EQ(half_to_double(0x0001), std::ldexp(1.0, -24));         // smallest subnormal
  EXPECT_EQ(half_to_double(0x03FF), 1023 * std::ldexp(1.0, -24));  // largest subnormal
  EXPECT_EQ(half_to_double(0x0400), std::ldexp(1.0, -14));         // smallest normal
  EXPECT_EQ(half_to_double(0x3555), 0.333251953125);
  EXPECT_EQ(half_to_double(0xC000), -2.0);
  EXPECT_EQ(half_to_double(0x0000), 0.0);
  EXPECT_TRUE(std::signbit(half_to_double(0x8000)));
  EXPECT_EQ(half_to_double(0x7C00), INFINITY);
  EXPECT_EQ(half_to_double(0xFC00), -INFINITY);
  EXPECT_TRUE(std::isnan(half_to_double(0x7E00)));
  EXPECT_TRUE(std::isnan(half_to_double(0x7C01)));
  EXPECT_TRUE(std::isnan(half_to_double(0xFE00)));
}

// Law: the positive finite patterns 0x0000..0x7BFF increase strictly, each step one ulp (the
// spacing doubles at every binade), and negation is the sign bit.
TEST(HalfFloat, MonotoneAndSymmetric) {
  for (std::uint16_t b = 1; b <= 0x7BFF; ++b) {
    const double lo = half_to_double(static_cast<std::uint16_t>(b - 1)), hi = half_to_double(b);
    ASSERT_GT(hi, lo) << b;
    const int exponent = std::max(1, ((b - 1) >> 10) & 0x1F);  // of the lower one
    ASSERT_EQ(hi - lo, std::ldexp(1.0, exponent - 25)) << b;
    ASSERT_EQ(half_to_double(static_cast<std::uint16_t>(b | 0x8000)), -hi) << b;
  }
}

TEST(BFloat16, ExactValues) {
  EXPECT_EQ(bfloat16_to_double(0x3F80), 1.0);
  EXPECT_EQ(bfloat16_to_double(0x4049), 3.140625);
  EXPECT_EQ(bfloat16_to_double(0xC000), -2.0);
  EXPECT_EQ(bfloat16_to_double(0x7F7F), 0x1.FEp127);             // largest finite
  EXPECT_EQ(bfloat16_to_double(0x0001), std::ldexp(1.0, -133));  // smallest subnormal
  EXPECT_EQ(bfloat16_to_double(0x7F80), INFINITY);
  EXPECT_EQ(bfloat16_to_double(0xFF80), -INFINITY);
  EXPECT_TRUE(std::isnan(bfloat16_to_double(0x7FC0)));
}

// --- .npy ----------------------------------------------------------------------------------------

TEST_F(TensorFileTest, NpyEveryDtypeAndVersion) {
  const std::vector<float> v = grid_values();
  std::vector<double> d(v.begin(), v.end());
  std::vector<std::uint16_t> h;  // 10 r + c as binary16: all small integers are exact
  for (float x : v) {
    std::uint16_t bits = 0;
    for (std::uint16_t b = 0; b <= 0x7BFF; ++b) {
      if (half_to_double(b) == x) {
        bits = b;
        break;
      }
    }
    h.push_back(bits);
  }
  for (int major : {1, 2, 3}) {
    for (const char* order : {"<", "=", "|"}) {
      SCOPED_TRACE(std::to_string(major) + order);
      const fs::path f4 =
          write("f4.npy", npy(std::string(order) + "f4", "(4, 3)", raw_f32(v), major));
      const fs::path f8 =
          write("f8.npy", npy(std::string(order) + "f8", "(4, 3)", raw_f64(d), major));
      const fs::path f2 =
          write("f2.npy", npy(std::string(order) + "f2", "(4, 3)", raw_u16(h), major));
      for (const auto& [path, dtype] :
           {std::pair{f4, "F32"}, std::pair{f8, "F64"}, std::pair{f2, "F16"}}) {
        const TensorFile file(path);
        ASSERT_EQ(file.tensors().size(), 1u);
        const TensorInfo& t = file.tensors()[0];
        EXPECT_EQ(t.name, path.stem().string());
        EXPECT_EQ(t.dtype, dtype);
        EXPECT_EQ(t.shape, (std::vector<std::int64_t>{4, 3}));
        EXPECT_EQ(t.offset % 64, 0u);
        EXPECT_EQ(t.offset + t.bytes, fs::file_size(path));
        const Eigen::MatrixXd m = file.read(t);
        ASSERT_EQ(m.rows(), 4);
        ASSERT_EQ(m.cols(), 3);
        expect_grid(m);
      }
    }
  }
}

TEST_F(TensorFileTest, NpyOneDimensionalAndPython2Shapes) {
  const TensorFile one(write("one.npy", npy("<f8", "(3,)", raw_f64({0.5, -1.25, 1e300}))));
  const Eigen::MatrixXd m = one.read(one.tensors()[0]);
  ASSERT_EQ(m.rows(), 3);
  ASSERT_EQ(m.cols(), 1);
  EXPECT_EQ(m(0, 0), 0.5);
  EXPECT_EQ(m(1, 0), -1.25);
  EXPECT_EQ(m(2, 0), 1e300);
  const TensorFile py2(write("py2.npy", npy("<f4", "(2L, 1L)", raw_f32({1.5f, 2.5f}))));
  EXPECT_EQ(py2.tensors()[0].shape, (std::vector<std::int64_t>{2, 1}));
}

TEST_F(TensorFileTest, NpyRefusals) {
  const std::string data = raw_f32(grid_values());
  const auto refusal = [&](const std::string& bytes, const char* name = "bad.npy") {
    const fs::path p = write(name, bytes);
    return refusal_of([&] { TensorFile f(p); });
  };
  EXPECT_EQ(refusal(npy("<f4", "(3, 4)", data, 1, "True")),
            (dir_ / "bad.npy").string() +
                ": Fortran order is not supported; save with np.ascontiguousarray");
  EXPECT_NE(refusal(npy(">f4", "(3, 4)", data)).find("big-endian data ('>f4') is not supported"),
            std::string::npos);
  EXPECT_NE(refusal(npy("<i4", "(3, 4)", data)).find("dtype '<i4' is not supported"),
            std::string::npos);
  EXPECT_NE(refusal(npy("<f4", "(2, 2, 3)", data)).find("the array is 3-D"), std::string::npos);
  EXPECT_NE(refusal(npy("<f4", "()", data)).find("the array is 0-D"), std::string::npos);
  EXPECT_NE(refusal(npy("<f4", "(5, 3)", data)).find("the data is cut off"), std::string::npos);
  EXPECT_NE(refusal(npy("<f4", "(4294967296, 4294967296)", data)).find("is too large"),
            std::string::npos);
  EXPECT_NE(refusal(npy("<f4", "(99999999999999999999, 1)", data)).find("too large"),
            std::string::npos);
  EXPECT_NE(refusal(npy("<f4", "(4, 3)", data, 4)).find("version 4.0 is not supported"),
            std::string::npos);
  EXPECT_NE(refusal("not numpy at all", "plain.npy").find("not a .npy file"), std::string::npos);
  EXPECT_EQ(refusal("", "empty.npy"), (dir_ / "empty.npy").string() + ": the file is empty");
  EXPECT_NE(refusal("PK\x03\x04", "model.bin").find("PyTorch pickle"), std::string::npos);
  EXPECT_EQ(refusal_of([&] { TensorFile f(dir_ / "missing.npy"); }),
            (dir_ / "missing.npy").string() + ": no such file");
  EXPECT_EQ(refusal_of([&] { TensorFile f(dir_); }), dir_.string() + ": is a folder, not a file");
}

// --- .safetensors --------------------------------------------------------------------------------

TEST_F(TensorFileTest, SafetensorsEveryDtype) {
  const std::vector<float> v = grid_values();
  std::vector<double> d(v.begin(), v.end());
  std::vector<std::uint16_t> bf;  // small integers are exact in bfloat16: the top of the float
  for (float x : v) bf.push_back(static_cast<std::uint16_t>(std::bit_cast<std::uint32_t>(x) >> 16));
  const fs::path p =
      write("model.safetensors",
            safetensors({{"f32", "F32", "[4,3]", raw_f32(v)},
                         {"f64", "F64", "[4,3]", raw_f64(d)},
                         {"f16", "F16", "[2,2]", raw_u16({0x3C00, 0x7BFF, 0x0001, 0xC000})},
                         {"bf16", "BF16", "[4,3]", raw_u16(bf)},
                         {"pi", "BF16", "[2]", raw_u16({0x3F80, 0x4049})},
                         {"ids", "I64", "[1,2]", std::string(16, '\0')}}));
  const TensorFile file(p);
  ASSERT_EQ(file.tensors().size(), 6u);
  EXPECT_EQ(file.tensors()[0].name, "f32");  // in data order, not the JSON's sorted keys
  EXPECT_EQ(file.tensors()[5].name, "ids");
  expect_grid(file.read(file.find("f32")));
  expect_grid(file.read(file.find("f64")));
  expect_grid(file.read(file.find("bf16")));
  const Eigen::MatrixXd h = file.read(file.find("f16"));
  EXPECT_EQ(h(0, 0), 1.0);
  EXPECT_EQ(h(0, 1), 65504.0);
  EXPECT_EQ(h(1, 0), std::ldexp(1.0, -24));
  EXPECT_EQ(h(1, 1), -2.0);
  const Eigen::MatrixXd pi = file.read(file.find("pi"));
  EXPECT_EQ(pi(0, 0), 1.0);
  EXPECT_EQ(pi(1, 0), 3.140625);
  const TensorInfo& ids = file.find("ids");
  EXPECT_EQ(ids.dtype, "I64");
  EXPECT_EQ(refusal_of([&] { file.read(ids); }),
            p.string() + ": tensor \"ids\": dtype I64 is not read (F32, F64, F16 or BF16)");
  EXPECT_EQ(refusal_of([&] { file.find("f23"); }),
            p.string() + ": no tensor \"f23\" (did you mean \"f32\"?)");
  EXPECT_EQ(refusal_of([&] { file.find("wpe"); }),
            p.string() + ": no tensor \"wpe\" (tensors: f32, f64, f16, bf16, pi, ids)");
}

TEST_F(TensorFileTest, RowWindows) {
  const fs::path p =
      write("t.safetensors", safetensors({{"wpe.weight", "F32", "[4,3]", raw_f32(grid_values())}}));
  const TensorFile file(p);
  const TensorInfo& t = file.tensors()[0];
  const Eigen::MatrixXd mid = file.read(t, 1, 2);
  ASSERT_EQ(mid.rows(), 2);
  expect_grid(mid, 1);
  const Eigen::MatrixXd tail = file.read(t, 3);
  ASSERT_EQ(tail.rows(), 1);
  expect_grid(tail, 3);
  EXPECT_EQ(file.read(t, 4).rows(), 0);
  EXPECT_EQ(file.read(t, 2, 0).rows(), 0);
  EXPECT_NE(refusal_of([&] { file.read(t, 5); }).find("first row 5 is outside 0..4"),
            std::string::npos);
  EXPECT_NE(refusal_of([&] { file.read(t, -1); }).find("outside"), std::string::npos);
  EXPECT_NE(refusal_of([&] { file.read(t, 2, 3); }).find("rows 2..4 go past its 4 rows"),
            std::string::npos);
  EXPECT_NE(refusal_of([&] { file.read(t, 0, -2); }).find("negative"), std::string::npos);
  // A TensorInfo that does not fit the file is refused, not read out of bounds.
  TensorInfo forged = t;
  forged.offset = 1u << 20;
  EXPECT_NE(refusal_of([&] { file.read(forged); }).find("do not fit the file"), std::string::npos);
  forged = t;
  forged.shape = {400, 3};
  EXPECT_NE(refusal_of([&] { file.read(forged); }).find("do not fit the file"), std::string::npos);
}

TEST_F(TensorFileTest, SafetensorsRefusals) {
  const std::string data = raw_f32(grid_values());
  const auto refusal = [&](const std::string& bytes) {
    const fs::path p = write("bad.safetensors", bytes);
    return refusal_of([&] { TensorFile f(p); });
  };
  const auto with_header = [&](const std::string& json, const std::string& tail) {
    std::string out;
    put_le(out, json.size(), 8);
    return out + json + tail;
  };
  EXPECT_NE(refusal("short").find("too short for a .safetensors file (5 bytes)"),
            std::string::npos);
  EXPECT_NE(refusal(with_header("{}", "").substr(0, 8)).find("exceeds the file's 0 bytes"),
            std::string::npos);
  EXPECT_NE(refusal(with_header("{\"a\":", "")).find("not valid JSON"), std::string::npos);
  EXPECT_NE(refusal(with_header("[1]", "")).find("not a JSON object"), std::string::npos);
  EXPECT_NE(refusal(with_header(std::string(100, '[') + std::string(100, ']'), ""))
                .find("nests too deeply"),
            std::string::npos);
  const auto entry = [&](const std::string& body) {
    return refusal(with_header("{\"t\":" + body + "}", data));
  };
  EXPECT_NE(entry("{\"dtype\":\"F32\",\"shape\":[4,3],\"data_offsets\":[0,52]}")
                .find("data_offsets [0, 52] lie outside the 48 bytes of data"),
            std::string::npos);
  EXPECT_NE(entry("{\"dtype\":\"F32\",\"shape\":[4,3],\"data_offsets\":[8,4]}").find("lie outside"),
            std::string::npos);
  EXPECT_NE(entry("{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[0,48]}")
                .find("shape 4 x 2 of F32 needs 32 bytes, data_offsets give 48"),
            std::string::npos);
  EXPECT_NE(entry("{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,48]}")
                .find("too large"),
            std::string::npos);
  EXPECT_NE(entry("{\"dtype\":\"F32\",\"shape\":[-4,3],\"data_offsets\":[0,48]}")
                .find("a dimension of \"shape\" must be a non-negative integer"),
            std::string::npos);
  EXPECT_NE(entry("{\"dtype\":\"F32\",\"shape\":[4,3]}").find("\"data_offsets\" must be"),
            std::string::npos);
  EXPECT_NE(entry("{\"dtype\":32,\"shape\":[4,3],\"data_offsets\":[0,48]}").find("\"dtype\""),
            std::string::npos);
  EXPECT_NE(entry("7").find("tensor \"t\" is not a JSON object"), std::string::npos);
  // A header over 100 MB is refused from its length alone (the file is sparse, not written).
  std::string big;
  put_le(big, 100'000'001, 8);
  const fs::path p = write("big.safetensors", big);
  fs::resize_file(p, 100'000'100);
  EXPECT_NE(refusal_of([&] { TensorFile f(p); }).find("over the limit of 100 MB"),
            std::string::npos);
}

// --- Which tensor is the table -------------------------------------------------------------------

TEST_F(TensorFileTest, PositionTensorChoice) {
  const std::string d = raw_f32(grid_values());
  const std::string b1 = raw_f32({1, 2, 3, 4});
  // The only 2-D floating-point tensor (an I64 2-D tensor such as BERT's position_ids is no
  // table).
  const TensorFile only(
      write("only.safetensors", safetensors({{"bias", "F32", "[4]", b1},
                                             {"ids", "I64", "[1,2]", std::string(16, '\0')},
                                             {"table", "F32", "[4,3]", d}})));
  EXPECT_EQ(position_tensor(only).name, "table");
  // GPT-2 and BERT names among other 2-D tensors.
  const TensorFile gpt2(write("gpt2.safetensors", safetensors({{"wte.weight", "F32", "[3,4]", d},
                                                               {"wpe.weight", "F32", "[4,3]", d},
                                                               {"h.0.w", "F32", "[2,6]", d}})));
  EXPECT_EQ(position_tensor(gpt2).name, "wpe.weight");
  const TensorFile bert(
      write("bert.safetensors",
            safetensors({{"bert.embeddings.word_embeddings.weight", "F32", "[4,3]", d},
                         {"bert.embeddings.position_embeddings.weight", "F32", "[4,3]", d}})));
  EXPECT_EQ(position_tensor(bert).name, "bert.embeddings.position_embeddings.weight");
  // A name given wins; a typo is answered with the closest name.
  EXPECT_EQ(position_tensor(gpt2, "h.0.w").name, "h.0.w");
  EXPECT_NE(
      refusal_of([&] { position_tensor(gpt2, "wpe.weigth"); }).find("did you mean \"wpe.weight\""),
      std::string::npos);
  // Ambiguous: the message lists the 2-D tensors and says what to do.
  const TensorFile two(
      write("two.safetensors", safetensors({{"a", "F32", "[4,3]", d}, {"b", "F32", "[3,4]", d}})));
  EXPECT_EQ(
      refusal_of([&] { position_tensor(two); }),
      (dir_ / "two.safetensors").string() +
          ": 2 2-D tensors and none is named like a position table (a, b); pass --tensor NAME");
  const TensorFile none(write("none.safetensors", safetensors({{"bias", "F32", "[4]", b1}})));
  EXPECT_NE(refusal_of([&] { position_tensor(none); }).find("no 2-D floating-point tensor"),
            std::string::npos);
  const TensorFile empty(write("empty.safetensors", safetensors({})));
  EXPECT_TRUE(empty.tensors().empty());
  EXPECT_NE(refusal_of([&] { position_tensor(empty); }).find("the file has no tensors"),
            std::string::npos);
}

TEST_F(TensorFileTest, LoadPositionTable) {
  const fs::path p = write("model.safetensors",
                           safetensors({{"wte.weight", "F32", "[3,4]", raw_f32(grid_values())},
                                        {"wpe.weight", "F32", "[4,3]", raw_f32(grid_values())}}));
  const PositionTable t = load_position_table(p);
  EXPECT_EQ(t.source, "model.safetensors: wpe.weight (F32, 4 x 3)");
  expect_grid(t.values);
  EXPECT_EQ(load_position_table(p, "wte.weight").source,
            "model.safetensors: wte.weight (F32, 3 x 4)");
  const fs::path n =
      write("wpe.npy", npy("<f2", "(2, 2)", raw_u16({0x3C00, 0x4000, 0x4200, 0x4400})));
  const PositionTable h = load_position_table(n);
  EXPECT_EQ(h.source, "wpe.npy: wpe (F16, 2 x 2)");
  EXPECT_EQ(h.values(1, 1), 4.0);

  // NaN or infinity: the first, by position then column.
  std::vector<float> bad = grid_values();
  bad[7] = NAN;  // position 2, column 1
  bad[11] = INFINITY;
  const fs::path q = write("nan.npy", npy("<f4", "(4, 3)", raw_f32(bad)));
  EXPECT_EQ(refusal_of([&] { load_position_table(q); }),
            q.string() + ": tensor \"nan\" holds NaN at position 2, column 1");
  const fs::path one = write("one.npy", npy("<f4", "(4,)", raw_f32({1, 2, 3, 4})));
  EXPECT_EQ(refusal_of([&] { load_position_table(one); }),
            one.string() + ": no 2-D floating-point tensor to use as a position table");
  EXPECT_EQ(refusal_of([&] { load_position_table(one, "one"); }),
            one.string() + ": tensor \"one\" has shape 4; a position table is 2-D (positions x d)");
  const fs::path empty = write("empty.npy", npy("<f4", "(0, 3)", ""));
  EXPECT_EQ(refusal_of([&] { load_position_table(empty); }),
            empty.string() + ": tensor \"empty\" is empty (0 x 3)");
  // The limits are checked before anything is read: the big files are sparse.
  const fs::path wide = write("wide.npy", npy("<f2", "(1, 65537)", ""));
  fs::resize_file(wide, fs::file_size(wide) + 2 * 65537);
  EXPECT_EQ(refusal_of([&] { load_position_table(wide); }),
            wide.string() + ": tensor \"wide\" has 65537 dimensions, over the limit of 65536");
  const fs::path tall = write("tall.npy", npy("<f2", "(8193, 8192)", ""));
  fs::resize_file(tall, fs::file_size(tall) + 2ull * 8193 * 8192);
  EXPECT_EQ(refusal_of([&] { load_position_table(tall); }),
            tall.string() +
                ": tensor \"tall\" (8193 x 8192) has over 2^26 entries, the limit for a table");
}

// A 1 GB checkpoint with a small table at its start: opening parses the header, reading the
// table touches its bytes only (the file is sparse: the rest was never written, and is never
// read).
TEST_F(TensorFileTest, BigSparseFileReadsOnlyTheTable) {
  constexpr std::uint64_t kSize = std::uint64_t{1} << 30;
  const std::string table = raw_f32(grid_values());
  // The header's length fixes the rest's size and the other way round: settle both.
  std::string header;
  std::uint64_t end = 0, count = 0;
  for (int i = 0; i < 4; ++i) {
    header =
        "{\"wpe.weight\":{\"dtype\":\"F32\",\"shape\":[4,3],\"data_offsets\":[0,48]},"
        "\"rest\":{\"dtype\":\"F32\",\"shape\":[" +
        std::to_string(count) + "],\"data_offsets\":[48," + std::to_string(end) + "]}}";
    header.resize((header.size() + 7) / 8 * 8, ' ');
    end = kSize - 8 - header.size();
    count = (end - 48) / 4;
  }
  ASSERT_NE(header.find("[48," + std::to_string(end) + "]"), std::string::npos);
  std::string bytes;
  put_le(bytes, header.size(), 8);
  const fs::path p = write("big.safetensors", bytes + header + table);
  fs::resize_file(p, kSize);
  const TensorFile file(p);
  ASSERT_EQ(file.tensors().size(), 2u);
  EXPECT_EQ(file.find("rest").bytes, count * 4);
  const PositionTable t = load_position_table(p);
  EXPECT_EQ(t.source, "big.safetensors: wpe.weight (F32, 4 x 3)");
  expect_grid(t.values);
  const Eigen::MatrixXd last = file.read(file.find("rest"), static_cast<long>(count) - 2);
  EXPECT_EQ(last.rows(), 2);
  EXPECT_EQ(last(1, 0), 0.0);
}

// --- Fuzz ----------------------------------------------------------------------------------------

// Opens and reads everything in `bytes` the way the program would; "" when it read or refused
// with InvalidArgument, else what else happened.
class Fuzzer {
 public:
  explicit Fuzzer(fs::path file) : file_(std::move(file)) {}
  std::string run(const std::string& bytes) {
    {
      // A new file each time: truncating a file just written makes ext4 flush it on close.
      std::error_code ec;
      fs::remove(file_, ec);
      std::ofstream out(file_, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    ++inputs_;
    try {
      const TensorFile f(file_);
      for (const TensorInfo& t : f.tensors()) {
        try {
          const Eigen::MatrixXd m = f.read(t);
          if (t.shape.size() == 2 && m.rows() > 1) (void)f.read(t, 1, 1);
          ++reads_;
        } catch (const InvalidArgument&) {
        }
      }
      (void)load_position_table(file_);
    } catch (const InvalidArgument&) {
      ++refused_;
    } catch (const std::exception& e) {
      return std::string("unexpected exception: ") + e.what();
    } catch (...) {
      return "unexpected non-standard exception";
    }
    return "";
  }
  int inputs() const { return inputs_; }
  int refused() const { return refused_; }
  int reads() const { return reads_; }

 private:
  fs::path file_;
  int inputs_ = 0, refused_ = 0, reads_ = 0;
};

void fuzz(Fuzzer& fuzzer, const std::string& valid, std::size_t header_end, std::uint32_t seed) {
  ASSERT_EQ(fuzzer.run(valid), "");
  // (a) every truncation
  for (std::size_t n = 0; n < valid.size(); ++n)
    ASSERT_EQ(fuzzer.run(valid.substr(0, n)), "") << "truncated to " << n;
  // (b) every header byte overwritten with a few values
  for (std::size_t i = 0; i < header_end; ++i) {
    for (char c : {'\0', '\xff', '\x80', '9', '1', ' ', ',', '"', '\'', '[', '{', '-', 'e', 'L'}) {
      std::string m = valid;
      if (m[i] == c) continue;
      m[i] = c;
      ASSERT_EQ(fuzzer.run(m), "") << "byte " << i << " set to " << int(c);
    }
  }
  // (c) seeded random mutations: 1 to 4 bytes changed, sometimes cut or extended
  std::mt19937 rng(seed);
  for (int k = 0; k < 2500; ++k) {
    std::string m = valid;
    const int changes = 1 + static_cast<int>(rng() % 4);
    for (int c = 0; c < changes; ++c) {
      // Mostly in the header, where the parsing is.
      const std::size_t limit = (rng() % 4 == 0) ? m.size() : std::min(header_end, m.size());
      if (limit == 0) break;
      m[rng() % limit] = static_cast<char>(rng() & 0xFF);
    }
    if (rng() % 8 == 0) m.resize(rng() % (valid.size() + 16), '\0');
    ASSERT_EQ(fuzzer.run(m), "") << "mutation " << k;
  }
}

TEST_F(TensorFileTest, FuzzNpy) {
  Fuzzer fuzzer(dir_ / "fuzz.npy");
  const std::string f4 = npy("<f4", "(4, 3)", raw_f32(grid_values()));
  fuzz(fuzzer, f4, f4.size() - 48, 1);
  const std::string f2 = npy("<f2", "(3,)", raw_u16({0x3C00, 0x7C00, 0x0001}), 2);
  fuzz(fuzzer, f2, f2.size() - 6, 2);
  EXPECT_GT(fuzzer.refused(), 0);
  EXPECT_GT(fuzzer.reads(), 0);
  std::printf("npy fuzz: %d inputs, %d refused, %d tensors read\n", fuzzer.inputs(),
              fuzzer.refused(), fuzzer.reads());
}

TEST_F(TensorFileTest, FuzzSafetensors) {
  Fuzzer fuzzer(dir_ / "fuzz.safetensors");
  const std::string d = raw_f32(grid_values());
  const std::string s =
      safetensors({{"wpe.weight", "F32", "[4,3]", d},
                   {"h", "F16", "[2,2]", raw_u16({0x3C00, 0x7BFF, 0x0001, 0xFC00})},
                   {"b", "BF16", "[2]", raw_u16({0x3F80, 0x4049})}});
  fuzz(fuzzer, s, s.size() - 60, 3);
  EXPECT_GT(fuzzer.refused(), 0);
  EXPECT_GT(fuzzer.reads(), 0);
  std::printf("safetensors fuzz: %d inputs, %d refused, %d tensors read\n", fuzzer.inputs(),
              fuzzer.refused(), fuzzer.reads());
}

}  // namespace
}  // namespace peviz
