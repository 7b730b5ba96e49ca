// A seeded random sweep of `peviz export`: thousands of option combinations over every
// view, valid and not (boundaries, huge numbers, NaN and infinity, empty, non-numeric,
// non-ASCII, bytes that are not UTF-8, control characters), in every output format.
// Each run must end in one of two ways: exit 0 with a file that a reader we did not
// write accepts (pngcheck, xmllint, an RFC 4180 reading with finite numbers), or exit 2
// with one line on stderr and no file. Nothing may crash, hang past the time limit or
// grow past the memory cap (tests/app/run_process.hpp). Options lean to those the view
// uses (an option it does not use is refused).
//
// PEVIZ_SWEEP_RUNS=N and PEVIZ_SWEEP_SEED=S change its size and seed, PEVIZ_SWEEP_EXE=P
// sweeps another build of peviz (an older one, to count what it got wrong); a failure
// prints the command as a shell line, to run again by hand.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/params/param.hpp"
#include "app/views/registry.hpp"
#include "app/views/shared_params.hpp"
#include "file_checks.hpp"
#include "run_process.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

// What a parameter takes, read from the parameter model itself.
struct Spec {
  std::string name;
  enum class Type { Int, Double, Bool, Text, Choice } type = Type::Int;
  double min = 0.0, max = 0.0;
  bool even = false;
  std::vector<std::string> choices;
};

class SpecCollector : public ParamVisitor {
 public:
  std::vector<Spec> specs;
  void visit(const ParamInfo& i, int&) override { add(i, Spec::Type::Int); }
  void visit(const ParamInfo& i, double&) override { add(i, Spec::Type::Double); }
  void visit(const ParamInfo& i, bool&) override { add(i, Spec::Type::Bool); }
  void visit(const ParamInfo& i, std::string&) override { add(i, Spec::Type::Text); }
  void visit_choice(const ParamInfo& i, int&) override { add(i, Spec::Type::Choice); }

 private:
  void add(const ParamInfo& i, Spec::Type t) {
    Spec s{i.name, t, i.min, i.max, i.even, {}};
    for (const char* c : i.choices) s.choices.emplace_back(c);
    specs.push_back(std::move(s));
  }
};

std::string shell_quote(const std::string& s) {
  bool plain = !s.empty();
  for (unsigned char c : s) {
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '=' || c == ',' ||
          c == ':')) {
      plain = false;
    }
  }
  if (plain) return s;
  std::string out = "$'";
  for (unsigned char c : s) {
    char b[8];
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      std::snprintf(b, sizeof b, "\\x%02x", c);
      out += b;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "'";
}

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {
    std::vector<std::unique_ptr<View>> views = make_views();
    SharedParams shared;
    SpecCollector common;
    shared.visit(common);
    shared_ = common.specs;
    for (auto& v : views) {
      SpecCollector own;
      v->visit(own);
      names_.push_back(v->name());
      own_[v->name()] = own.specs;
      // The shared options the view uses under any of its schemes and scalings: an option
      // it does not use is refused, so a sweep of every option would mostly be refused.
      std::set<std::string> used{"scheme"};
      for (Scheme scheme : v->schemes()) {
        for (Scaling scaling : {Scaling::None, Scaling::Linear, Scaling::Ntk, Scaling::DynamicNtk,
                                Scaling::Yarn, Scaling::Llama3}) {
          SharedParams p;
          p.scheme = scheme;
          p.scaling = scaling;
          for (const std::string& n : v->shared_fields(p)) used.insert(n);
        }
      }
      for (const Spec& spec : shared_) {
        if (used.count(spec.name) != 0) used_[v->name()].push_back(spec);
      }
    }
    own_["attention"] = own_["playground"];  // the CSV table of the playground
    used_["attention"] = used_["playground"];
  }

  // One command line (after the program's path) and the folder it writes into.
  std::vector<std::string> next(const fs::path& dir) {
    std::vector<std::string> args{"export"};
    const int pick = uniform(0, 99);
    std::string view;
    if (pick < 4) {
      view = "all";
    } else if (pick < 6) {
      view = one_of({"attention", "compare", "teapot", "", "--d", "\xe9t\xe9"});
    } else {
      view = names_[static_cast<std::size_t>(uniform(0, static_cast<int>(names_.size()) - 1))];
    }
    args.push_back(view);
    const bool all = view == "all";
    // Mostly the options the view uses, sometimes any (to be refused).
    std::vector<Spec> pool = used_.count(view) != 0 && uniform(0, 99) < 85 ? used_[view] : shared_;
    if (own_.count(view)) pool.insert(pool.end(), own_[view].begin(), own_[view].end());
    const int count = uniform(0, 5);
    for (int k = 0; k < count; ++k) {
      const int kind = uniform(0, 99);
      if (kind < 70 && !pool.empty()) {
        const Spec& s =
            pool[static_cast<std::size_t>(uniform(0, static_cast<int>(pool.size()) - 1))];
        option(args, s.name, value_for(s));
      } else if (kind < 88) {
        picture_option(args);
      } else if (kind < 93 && !all) {
        option(args, "compare", compare_spec(pool));
      } else {
        option(args, one_of({"bogus", "D", "d ", "out-dir", "format", "", "-", "\xe9"}),
               one_of({"1", "", "x"}));
      }
    }
    if (all) {
      if (uniform(0, 9) > 0) option(args, "out-dir", (dir / "all").string());
      if (uniform(0, 2) == 0) option(args, "format", one_of({"png", "svg", "csv", "pdf", ""}));
    } else if (uniform(0, 29) > 0) {
      const int f = uniform(0, 99);
      const std::string name = f < 40   ? "out.png"
                               : f < 70 ? "out.svg"
                               : f < 96 ? "out.csv"
                                        : one_of({"out.txt", "out", "sub/", "missing/out.png"});
      option(args, "out", (dir / name).string());
    }
    return args;
  }

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  std::string one_of(std::initializer_list<const char*> items) {
    const int i = uniform(0, static_cast<int>(items.size()) - 1);
    return *(items.begin() + i);
  }
  void option(std::vector<std::string>& args, const std::string& name, const std::string& value) {
    if (uniform(0, 4) == 0) {
      args.push_back("--" + name + "=" + value);
    } else {
      args.push_back("--" + name);
      args.push_back(value);
    }
  }
  static std::string number(double v, bool integer) {
    char b[40];
    std::snprintf(b, sizeof b, integer ? "%.0f" : "%.6g", v);
    return b;
  }
  std::string bad_value() {
    return one_of({"",
                   "abc",
                   "nan",
                   "inf",
                   "-inf",
                   "1e308",
                   "-1e308",
                   "1e1000",
                   "9223372036854775807",
                   "-9223372036854775808",
                   "18446744073709551616",
                   "0x10",
                   "1,5",
                   " 3",
                   "3 ",
                   "\xe9",
                   "caf\xe9",
                   "\x01",
                   "犬",
                   "-0",
                   "1e-320",
                   "--",
                   "true"});
  }
  // Valid values lean small (log-uniform), so that the sweep stays quick while the
  // largest sizes still come up.
  std::string value_for(const Spec& s) {
    const int how = uniform(0, 99);
    switch (s.type) {
      case Spec::Type::Int:
      case Spec::Type::Double: {
        const bool integer = s.type == Spec::Type::Int;
        if (how < 55 && s.max > s.min) {
          double v;
          if (s.min > 0 && s.max / s.min > 100) {
            v = std::exp(real(std::log(s.min), std::log(s.max)));
          } else {
            v = real(s.min, s.max);
          }
          if (integer) v = std::round(v);
          if (s.even) v = 2.0 * std::round(v / 2.0);
          v = std::clamp(v, s.min, s.max);
          return number(v, integer);
        }
        if (how < 75) {
          const int b = uniform(0, 3);
          return number(b == 0 ? s.min : b == 1 ? s.max : b == 2 ? s.min - 1 : s.max + 1, integer);
        }
        if (how < 80 && integer) return number(std::floor(real(s.min, s.max)) + 0.5, false);
        if (how < 85 && s.even) return number(2.0 * std::round(real(s.min, s.max) / 2.0) + 1, true);
        return bad_value();
      }
      case Spec::Type::Bool:
        return how < 70 ? one_of({"true", "false"}) : one_of({"yes", "1", "", "maybe", "\xe9"});
      case Spec::Type::Choice:
        if (how < 75 && !s.choices.empty()) {
          return s.choices[static_cast<std::size_t>(
              uniform(0, static_cast<int>(s.choices.size()) - 1))];
        }
        return one_of({"", "bogus", "NONE", "yarn ", "\xe9", "all", "sinusoidal,rope"});
      case Spec::Type::Text:
        if (how < 60) {
          return one_of({"dog bites man", "man bites dog", "the cat sat on the mat", "auto", "0,1",
                         "0,1,2,3", "500,10000", "ntk,yarn", "all", "1", "a a a a", "犬が人を噛む",
                         "dog 🐕 bites", "Café au lait", "x,y;z"});
        }
        if (how < 70) {
          std::string long_text;
          for (int i = 0, n = uniform(50, 3000); i < n; ++i)
            long_text += "w" + std::to_string(i % 97) + " ";
          return long_text;
        }
        return one_of({"", " ", "?!", "caf\xe9 au lait",
                       "a\x01"
                       "b",
                       "\x7f", "dog\tbites\nman", "-1", "999999", "0,-1", "1e400", "nan", ",,,",
                       "\xff\xfe"});
    }
    return "";
  }
  void picture_option(std::vector<std::string>& args) {
    const int which = uniform(0, 5);
    if (which == 0) {
      option(args, "width",
             uniform(0, 19) == 0 ? one_of({"16384", "16385", "15", "0", "abc", "1e9"})
                                 : one_of({"16", "200", "640", "1600", "3840"}));
    } else if (which == 1) {
      option(args, "height",
             uniform(0, 19) == 0 ? one_of({"16384", "16385", "15", "-1", "", "2.5"})
                                 : one_of({"16", "200", "480", "1000", "2160"}));
    } else if (which == 2) {
      option(args, "scale", one_of({"0.25", "1", "2", "3.5", "8", "0.1", "9", "nan", ""}));
    } else if (which == 3) {
      option(args, "theme", one_of({"light", "dark", "contrast", "neon", ""}));
    } else if (which == 4) {
      if (uniform(0, 1) == 0) {
        args.push_back("--transparent");
      } else {
        option(args, "transparent", one_of({"true", "false", "maybe"}));
      }
    } else {
      option(args, "renderer", one_of({"cpu", "cpu", "gl", "vulkan"}));
    }
  }
  std::string compare_spec(const std::vector<Spec>& pool) {
    if (pool.empty() || uniform(0, 5) == 0)
      return one_of({"", ";", "base=", "=5", "d=64;;d=32", "x=1;x=2"});
    std::string spec;
    const int panels = uniform(1, 5);
    const Spec& s = pool[static_cast<std::size_t>(uniform(0, static_cast<int>(pool.size()) - 1))];
    for (int i = 0; i < panels; ++i) spec += (i ? ";" : "") + s.name + "=" + value_for(s);
    return spec;
  }

  std::mt19937 rng_;
  std::vector<Spec> shared_;
  std::map<std::string, std::vector<Spec>> own_;
  std::map<std::string, std::vector<Spec>> used_;  // the shared options each view uses
  std::vector<std::string> names_;
};

std::vector<fs::path> files_below(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory()) out.push_back(it->path());
  }
  return out;
}

// "" when the run ended as it must, else what went wrong.
std::string judge(const testing_process::Outcome& o, const fs::path& dir) {
  const std::vector<fs::path> files = files_below(dir);
  if (o.timed_out || o.signal != 0) return testing_process::describe(o);
  if (o.exit_code == 2) {
    if (std::count(o.err.begin(), o.err.end(), '\n') != 1 || o.err.back() != '\n' ||
        o.err.rfind("peviz", 0) != 0) {
      return "exit 2 without exactly one line on stderr: '" + o.err.substr(0, 300) + "'";
    }
    if (!files.empty()) return "exit 2 but left " + files.front().string();
    return "";
  }
  if (o.exit_code != 0) return testing_process::describe(o) + ": " + o.err.substr(0, 300);
  if (files.empty()) return "exit 0 and no file";
  for (const fs::path& f : files) {
    if (f.filename().string().rfind('.', 0) == 0) return "exit 0 and a hidden file " + f.string();
    const std::string bad = testing_files::file_check(f);
    if (!bad.empty()) return f.filename().string() + ": " + bad;
  }
  return "";
}

// A failure's kind, for the summary: what went wrong without the paths and values.
std::string kind_of(const std::string& why) {
  for (const char* k :
       {"timed out", "killed by signal", "without exactly one line", "but left",
        "exit 0 and no file", "hidden file", "CRC error", "pngcheck", "xmllint",
        "a header and no data", "non-finite", "control character", "fields, the header"}) {
    if (why.find(k) != std::string::npos) {
      if (std::string(k) == "killed by signal") return why.substr(why.find(k), 19);
      return k;
    }
  }
  return why.substr(0, 30);
}

TEST(CliSweep, EveryCombinationEndsInAValidFileOrOneLineAndNoFile) {
  const char* runs_env = std::getenv("PEVIZ_SWEEP_RUNS");
  const char* seed_env = std::getenv("PEVIZ_SWEEP_SEED");
  const int runs = runs_env != nullptr ? std::atoi(runs_env) : 2000;
  const unsigned seed =
      seed_env != nullptr ? static_cast<unsigned>(std::atol(seed_env)) : 20261202u;
  const fs::path root = fs::temp_directory_path() / ("peviz_sweep_" + std::to_string(::getpid()));
  fs::remove_all(root);

  // The commands first, from one generator, so that the seed alone fixes them.
  const char* exe_env = std::getenv("PEVIZ_SWEEP_EXE");
  const std::string exe = exe_env != nullptr && exe_env[0] != '\0' ? exe_env : PEVIZ_EXE;
  Generator gen(seed);
  std::vector<std::vector<std::string>> commands;
  for (int i = 0; i < runs; ++i) {
    std::vector<std::string> args = gen.next(root / std::to_string(i));
    args.insert(args.begin(), exe);
    commands.push_back(std::move(args));
  }
  std::atomic<int> next{0}, written{0}, refused{0};
  std::mutex lock;
  std::vector<std::string> failures;
  std::map<std::string, int> refusals;  // the first words of each refusal, counted
  std::map<std::string, int> kinds;     // failures by kind
  const auto work = [&] {
    for (int i = next++; i < runs; i = next++) {
      const fs::path dir = root / std::to_string(i);
      fs::create_directories(dir);
      const testing_process::Outcome o = testing_process::run(commands[static_cast<std::size_t>(i)],
                                                              {90.0, 4096, {}, {"DISPLAY="}});
      const std::string why = judge(o, dir);
      fs::remove_all(dir);
      std::lock_guard<std::mutex> hold(lock);
      if (!why.empty()) {
        ++kinds[kind_of(why)];
        std::string line;
        for (std::size_t k = 0; k < commands[static_cast<std::size_t>(i)].size(); ++k) {
          line += (k ? " " : "") + shell_quote(commands[static_cast<std::size_t>(i)][k]);
        }
        failures.push_back("run " + std::to_string(i) + ": " + why + "\n    " + line);
      } else if (o.exit_code == 0) {
        ++written;
      } else {
        ++refused;
        const std::string head =
            o.err.substr(0, std::min<std::size_t>(o.err.find_first_of("'(0123456789"), 40));
        ++refusals[head];
      }
    }
  };
  std::vector<std::thread> workers;
  const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  for (unsigned t = 0; t < cores; ++t) workers.emplace_back(work);
  for (std::thread& t : workers) t.join();
  fs::remove_all(root);

  std::printf(
      "[ sweep    ] seed %u: %d runs, %d wrote a valid file, %d refused with one line, %zu "
      "failed\n",
      seed, runs, written.load(), refused.load(), failures.size());
  RecordProperty("runs", runs);
  RecordProperty("written", written.load());
  RecordProperty("refused", refused.load());
  for (const auto& [kind, n] : kinds) std::printf("[ sweep    ]   %5d %s\n", n, kind.c_str());
  for (std::size_t k = 0; k < failures.size() && k < 40; ++k) ADD_FAILURE() << failures[k];
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << runs << " runs failed (seed "
                                << seed << ")";
  // The sweep must exercise both endings, in numbers that make it a sweep.
  EXPECT_GT(written.load(), runs / 5);
  EXPECT_GT(refused.load(), runs / 5);
}

}  // namespace
}  // namespace peviz
