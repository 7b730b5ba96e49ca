// A model's source set like any option (preset, config, table): the shared parameters it fills
// make every view compute what `peviz export rope` computes for the same model, exactly; a
// learned table replaces the seeded one in every learned path; bad sources change nothing.
#include "app/state/model_source.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/model/model_frequencies.hpp"
#include "app/model/presets.hpp"
#include "app/state/state.hpp"
#include "core/attention.hpp"
#include "core/learned.hpp"
#include "core/rope.hpp"
#include "core/validate.hpp"
#include "run_process.hpp"

namespace peviz {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir() {
  const fs::path dir =
      fs::temp_directory_path() / ("peviz_model_source_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

// A float64 .npy file (format 1.0) of `rows` x `cols` with entry (r, c) = f(r, c).
template <typename F>
fs::path write_npy(const std::string& name, long rows, long cols, F f) {
  const fs::path file = temp_dir() / name;
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                       std::to_string(rows) + ", " + std::to_string(cols) + "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::ofstream out(file, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const std::uint16_t len = static_cast<std::uint16_t>(header.size());
  const char len_bytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
  out.write(len_bytes, 2);
  out << header;
  for (long r = 0; r < rows; ++r) {
    for (long c = 0; c < cols; ++c) {
      const double v = f(r, c);
      out.write(reinterpret_cast<const char*>(&v), sizeof v);
    }
  }
  return file;
}

TEST(ModelSource, EveryRopePresetGivesTheViewsExactlyTheExportedFrequencies) {
  int checked = 0;
  for (const Preset& p : list_presets()) {
    SCOPED_TRACE(p.id);
    const ModelRope m = load_preset(p.id);
    if (m.learned) continue;
    State state;
    state.set_option("preset", p.id);
    const SharedParams& s = state.shared;
    EXPECT_EQ(s.scheme, Scheme::Rope);
    EXPECT_EQ(s.preset, p.id);
    EXPECT_EQ(s.model, p.name);
    EXPECT_EQ(s.d, m.head_dim);
    EXPECT_EQ(s.base, m.theta);
    EXPECT_EQ(s.pairing, m.pairing);
    const int r = rotary_dim(s.d, s.partial_rotary);
    EXPECT_EQ(r, m.rotary_dim);
    // What the views compute (wavelengths, long-context, playground: scale_frequencies of the
    // shared parameters) against export rope's model_frequencies, at the model's context and at
    // a short one (LongRoPE's short factors, dynamic NTK unchanged).
    for (const long context : {m.max_position_embeddings, 1000L}) {
      SCOPED_TRACE(context);
      state.set_option("context", std::to_string(context));
      const ScaledFrequencies views = scale_frequencies(r, s.base, s.scaling_params());
      const ModelFrequencies reference = model_frequencies(m, context);
      ASSERT_EQ(views.inv_freq.size(), reference.scaled.inv_freq.size());
      EXPECT_EQ((views.inv_freq - reference.scaled.inv_freq).cwiseAbs().maxCoeff(), 0.0);
      EXPECT_EQ(views.attention_factor, reference.scaled.attention_factor);
      EXPECT_EQ(views.softmax_scale_factor, reference.scaled.softmax_scale_factor);
    }
    ++checked;
  }
  EXPECT_GE(checked, 16);
}

TEST(ModelSource, WhatAPresetSets) {
  State state;
  state.set_option("preset", "llama-3.1-8b");
  EXPECT_EQ(state.shared.scaling, Scaling::Llama3);
  EXPECT_EQ(state.shared.factor, 8.0);
  EXPECT_EQ(state.shared.original_context, 8192);
  EXPECT_EQ(state.shared.context, 131072);
  state.set_option("preset", "gpt-j-6b");
  EXPECT_EQ(state.shared.pairing, RopePairing::Interleaved);
  EXPECT_EQ(rotary_dim(state.shared.d, state.shared.partial_rotary), 64);
  EXPECT_EQ(state.shared.scaling, Scaling::None);
  // Phi-3.5: the long list beyond 4096 positions, the short one up to it.
  state.set_option("preset", "phi-3.5-mini");
  EXPECT_EQ(state.shared.scaling, Scaling::LongRope);
  ASSERT_EQ(state.shared.long_factor.size(), 48u);
  state.set_option("context", "4096");
  const double short0 = scale_frequencies(96, 10000, state.shared.scaling_params()).inv_freq[47];
  state.set_option("context", "4097");
  const double long0 = scale_frequencies(96, 10000, state.shared.scaling_params()).inv_freq[47];
  EXPECT_DOUBLE_EQ(short0, 1.0 / (2.8399994373321533 * std::pow(10000.0, 94.0 / 96.0)));
  EXPECT_DOUBLE_EQ(long0, 1.0 / (64.83999633789062 * std::pow(10000.0, 94.0 / 96.0)));
  // A learned model: the scheme and the width, no more positions than its table has.
  state.set_option("positions", "2000");
  state.set_option("preset", "gpt2");
  EXPECT_EQ(state.shared.scheme, Scheme::Learned);
  EXPECT_EQ(state.shared.d, 768);
  EXPECT_EQ(state.shared.positions, 1024);
  EXPECT_NE(state.shared.model.find("1024 x 768"), std::string::npos);
}

TEST(ModelSource, ABadSourceIsOneMessageAndChangesNothing) {
  State state;
  state.set_option("d", "32");
  try {
    state.set_option("preset", "llama-3.1-8");
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'llama-3.1-8b'"), std::string::npos)
        << e.what();
  }
  const fs::path bad = temp_dir() / "config.json";
  std::ofstream(bad) << R"({"rope_theta": "big", "hidden_size": 64, "num_attention_heads": 2,
                            "max_position_embeddings": 128})";
  try {
    state.set_option("config", bad.string());
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("rope_theta must be a number"), std::string::npos)
        << e.what();
  }
  // A trained context past peviz's limits is named with the model.
  std::ofstream(bad) << R"({"hidden_size": 64, "num_attention_heads": 2,
                            "max_position_embeddings": 4000000})";
  try {
    state.set_option("config", bad.string());
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(std::string(e.what()).rfind("config.json: ", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("original-context"), std::string::npos) << e.what();
  }
  EXPECT_EQ(state.shared.d, 32);
  EXPECT_EQ(state.shared.scheme, Scheme::Sinusoidal);
  EXPECT_TRUE(state.shared.config.empty());
  EXPECT_THROW(state.set_option("table", (temp_dir() / "missing.npy").string()), InvalidArgument);
  EXPECT_FALSE(state.shared.learned_table);
  EXPECT_TRUE(state.shared.table.empty());
}

TEST(ModelSource, ALearnedTableReplacesTheSeededOneEverywhere) {
  const fs::path file = write_npy("wpe.npy", 40, 6, [](long r, long c) {
    return std::sin(0.1 * static_cast<double>(r) * static_cast<double>(c + 1));
  });
  State state;
  state.set_option("positions", "100");
  state.set_option("table", file.string());
  const SharedParams& s = state.shared;
  ASSERT_TRUE(s.learned_table);
  EXPECT_EQ(s.scheme, Scheme::Learned);
  EXPECT_EQ(s.d, 6);
  EXPECT_EQ(s.positions, 40);  // the table's rows
  EXPECT_EQ(learned_origin(s), "table wpe.npy");
  // The learned paths of core read the table.
  const Eigen::MatrixXd rows = learned_encoding({s.d, 3, 5, 0, 0.02, s.learned_table.get()});
  EXPECT_DOUBLE_EQ(rows(1, 2), std::sin(0.1 * 6 * 3));
  Eigen::VectorXd at(1);
  at << 39;
  const Eigen::VectorXi col = Eigen::VectorXi::Constant(1, 5);
  EXPECT_DOUBLE_EQ(learned_cells(at, col, 6, 0, 0.02, s.learned_table.get())(0, 0),
                   std::sin(0.1 * 39 * 6));
  try {
    learned_encoding({s.d, 10, 35, 0, 0.02, s.learned_table.get()});
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("positions 35..44 are past the learned table"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("rows 0..39"), std::string::npos) << e.what();
  }
  // The playground scales the table to the seeded table's RMS.
  AttentionParams ap;
  ap.scheme = Scheme::Learned;
  ap.d = 6;
  ap.learned_table = s.learned_table.get();
  const Eigen::MatrixXd scaled = playground_learned_rows(ap, 40, 0);
  EXPECT_NEAR(std::sqrt(scaled.squaredNorm() / static_cast<double>(scaled.size())),
              ap.learned_stddev, 1e-12);
  // Saved settings name the file; loading them reads it again.
  const nlohmann::json saved = state.save();
  State loaded;
  loaded.load(saved);
  ASSERT_TRUE(loaded.shared.learned_table);
  EXPECT_EQ(loaded.shared.learned_table->values, s.learned_table->values);
  // A table that is gone when settings load: back to the seeded table, no error.
  fs::remove(file);
  State gone;
  gone.load(saved);
  EXPECT_FALSE(gone.shared.learned_table);
  EXPECT_TRUE(gone.shared.table.empty());
}

TEST(ModelSource, SettingsReloadLongRopeLists) {
  State state;
  state.set_option("preset", "phi-3.5-mini");
  const nlohmann::json saved = state.save();
  State loaded;
  loaded.load(saved);
  EXPECT_EQ(loaded.shared.scaling, Scaling::LongRope);
  EXPECT_EQ(loaded.shared.long_factor, state.shared.long_factor);
  EXPECT_EQ(loaded.shared.model, "Phi-3.5 mini (128k)");
  // Without its preset, a remembered LongRoPE has no lists: no scaling.
  nlohmann::json orphan = saved;
  orphan["shared"]["preset"] = "";
  State bare;
  bare.load(orphan);
  EXPECT_EQ(bare.shared.scaling, Scaling::None);
  // Settings without a model, loaded over a state that had one (undo, a scene): no name
  // or lists of the old model stay.
  State over = state;
  over.load(orphan);
  EXPECT_EQ(over.shared.model, "");
  EXPECT_TRUE(over.shared.long_factor.empty());
  EXPECT_EQ(over.shared.scaling, Scaling::None);
}

TEST(ModelSource, ADroppedFileIsATableOrAConfig) {
  SharedParams s;
  const fs::path table = write_npy("pos.npy", 8, 4, [](long r, long c) { return r + 0.5 * c; });
  EXPECT_EQ(open_model_file(s, table.string()), "table");
  EXPECT_EQ(s.d, 4);
  const fs::path config = temp_dir() / "llama.json";
  std::ofstream(config) << R"({"hidden_size": 256, "num_attention_heads": 4,
      "max_position_embeddings": 2048, "rope_theta": 500000})";
  EXPECT_EQ(open_model_file(s, config.string()), "config");
  EXPECT_EQ(s.scheme, Scheme::Rope);
  EXPECT_EQ(s.d, 64);
  EXPECT_EQ(s.base, 500000.0);
  EXPECT_EQ(s.model, "llama.json");
}

// The command line, end to end: `peviz export encoding --table` writes the table's own rows;
// positions past it, a missing file and a table of the wrong kind are one line, exit 2, no file.
TEST(ModelSource, ExportOfATableWritesItsRows) {
  const fs::path table = write_npy("wpe4.npy", 12, 4, [](long r, long c) {
    return 0.25 * static_cast<double>(r) - 0.5 * static_cast<double>(c);
  });
  const fs::path out = temp_dir() / "encoding.csv";
  fs::remove(out);
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {PEVIZ_EXE, "export", "encoding"});
    args.insert(args.end(), {"--out", out.string()});
    return testing_process::run(args);
  };
  const auto ok = run({"--table", table.string(), "--start", "2", "--positions", "3"});
  ASSERT_TRUE(ok.exited(0)) << ok.err;
  std::ifstream in(out);
  std::string header, row;
  std::getline(in, header);
  EXPECT_EQ(header, "position,dim_0,dim_1,dim_2,dim_3");
  std::getline(in, row);
  EXPECT_EQ(row, "2,0.5,0,-0.5,-1");  // row 2 of the table: 0.25 * 2 - 0.5 c
  fs::remove(out);
  const auto past = run({"--table", table.string(), "--start", "10", "--positions", "5"});
  EXPECT_TRUE(past.exited(2)) << past.err;
  EXPECT_NE(past.err.find("past the learned table"), std::string::npos) << past.err;
  EXPECT_EQ(std::count(past.err.begin(), past.err.end(), '\n'), 1) << past.err;
  EXPECT_FALSE(fs::exists(out));
  const auto missing = run({"--table", (temp_dir() / "nope.npy").string()});
  EXPECT_TRUE(missing.exited(2)) << missing.err;
  EXPECT_FALSE(fs::exists(out));
  const fs::path text = temp_dir() / "notes.npy";
  std::ofstream(text) << "not a table";
  const auto junk = run({"--table", text.string()});
  EXPECT_TRUE(junk.exited(2)) << junk.err;
  EXPECT_NE(junk.err.find("notes.npy"), std::string::npos) << junk.err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace peviz
