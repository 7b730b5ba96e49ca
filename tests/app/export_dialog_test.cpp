// The window's export dialog without a window: its file names, paths, checks and
// plans (app/export, pure functions), the job that builds and writes the files driven
// without the dialog, the CSV the dialog writes (checked against `peviz export` and
// lessons, which write the same numbers from the same parameter model), the dialog
// itself driven as its buttons drive it (files written, questions asked, errors shown,
// no file left behind), and the Export button and Ctrl+E of the explorer in an ImGui
// frame with simulated input.
#include "app/window/export_dialog.hpp"

#include <gif_lib.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "app/cli/scene_file.hpp"
#include "app/export/atomic_file.hpp"
#include "app/export/csv_writer.hpp"
#include "app/export/export_form.hpp"
#include "app/export/export_format.hpp"
#include "app/export/export_job.hpp"
#include "app/export/export_plan.hpp"
#include "app/export/export_write.hpp"
#include "app/export/figure_csv.hpp"
#include "app/export/figure_file.hpp"
#include "app/export/file_names.hpp"
#include "app/lesson/lesson.hpp"
#include "app/plot/backend/fonts.hpp"
#include "app/views/registry.hpp"
#include "app/window/explorer.hpp"
#include "core/progress.hpp"
#include "png_image.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

long files_in(const fs::path& dir) {
  return std::distance(fs::directory_iterator(dir), fs::directory_iterator());
}

// ---------------------------------------------------------------------------
// File names

TEST(ExportNames, SanitisingKeepsOnlyFilenameSafeCharacters) {
  EXPECT_EQ(sanitize_file_name("encoding_sinusoidal_d128_n64"), "encoding_sinusoidal_d128_n64");
  EXPECT_EQ(sanitize_file_name("dog bites man"), "dog_bites_man");
  EXPECT_EQ(sanitize_file_name("a/b\\c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
  EXPECT_EQ(sanitize_file_name("  spaced   out  "), "spaced_out");
  EXPECT_EQ(sanitize_file_name("base=1e+06, d=64"), "base_1e_06_d_64");
  // Non-ASCII bytes (UTF-8 "λ·") are one gap, not two underscores per byte.
  EXPECT_EQ(sanitize_file_name("λ·wavelength"), "wavelength");
  EXPECT_EQ(sanitize_file_name("xλ·y"), "x_y");
  // No hidden file, no option-like name, no trailing separator.
  EXPECT_EQ(sanitize_file_name("../../etc/passwd"), "etc_passwd");
  EXPECT_EQ(sanitize_file_name(".hidden"), "hidden");
  EXPECT_EQ(sanitize_file_name("--rm -rf"), "rm_-rf");
  EXPECT_EQ(sanitize_file_name("name_."), "name");
  EXPECT_EQ(sanitize_file_name("a__b"), "a_b");
  EXPECT_EQ(sanitize_file_name(""), "figure");
  EXPECT_EQ(sanitize_file_name("///"), "figure");
  EXPECT_EQ(sanitize_file_name(std::string(500, 'a')).size(), 120u);
}

TEST(ExportNames, DefaultNameHasTheViewAndItsKeyParameters) {
  EXPECT_EQ(default_file_stem("encoding",
                              {{"scheme", "sinusoidal"},
                               {"d", "128"},
                               {"base", "10000"},
                               {"positions", "64"},
                               {"start", "0"},
                               {"layout", "interleaved"},
                               {"values", "true"}},
                              true),
            "encoding_sinusoidal_d128_n64");
  // Values that differ from their defaults are named; the scheme only when the view has several.
  EXPECT_EQ(default_file_stem("encoding",
                              {{"scheme", "sinusoidal"},
                               {"d", "64"},
                               {"base", "500000"},
                               {"positions", "100"},
                               {"start", "1000"},
                               {"layout", "concat"}},
                              true),
            "encoding_sinusoidal_d64_n100_from1000_base500000_concat");
  EXPECT_EQ(default_file_stem("alibi",
                              {{"scheme", "alibi"},
                               {"heads", "12"},
                               {"positions", "100"},
                               {"start", "0"},
                               {"mask", "causal"},
                               {"head", "9"}},
                              false),
            "alibi_h12_n100");
  EXPECT_EQ(default_file_stem("t5",
                              {{"scheme", "t5"},
                               {"num-buckets", "32"},
                               {"max-distance", "128"},
                               {"mask", "none"},
                               {"positions", "100"},
                               {"start", "0"}},
                              false),
            "t5_b32_dist128_n100_nomask");
  EXPECT_EQ(default_file_stem("long-context",
                              {{"scheme", "rope"},
                               {"d", "128"},
                               {"base", "500000"},
                               {"original-context", "8192"},
                               {"factor", "8"},
                               {"context", "16384"}},
                              false),
            "long-context_d128_base500000_ctx8192_x8");
  // A scaling names its factor even at the default 4; bases print as plain digits.
  EXPECT_EQ(default_file_stem("rope-clocks",
                              {{"scheme", "rope"},
                               {"d", "64"},
                               {"base", "1e+06"},
                               {"scaling", "yarn"},
                               {"factor", "4"}},
                              false),
            "rope-clocks_d64_base1000000_yarn_x4");
  EXPECT_EQ(default_file_stem("similarity",
                              {{"scheme", "learned"},
                               {"d", "32"},
                               {"positions", "512"},
                               {"seed", "3"},
                               {"metric", "dot"},
                               {"row", "50"}},
                              true),
            "similarity_learned_d32_n512_seed3_dot");
  EXPECT_EQ(default_file_stem("rope-decay", {{"d", "64"}, {"base", "2.5"}, {"max-distance", "256"}},
                              false),
            "rope-decay_d64_dist256_base2.5");
}

TEST(ExportNames, ComparisonNamesWhatDiffers) {
  EXPECT_EQ(compare_file_stem("similarity", {{{"scheme", "sinusoidal"}, {"d", "64"}},
                                             {{"scheme", "learned"}, {"d", "64"}}}),
            "similarity_sinusoidal_vs_learned");
  EXPECT_EQ(compare_file_stem("rope-decay", {{{"d", "64"}, {"base", "10000"}},
                                             {{"d", "64"}, {"base", "500000"}},
                                             {{"d", "64"}, {"base", "1e+06"}}}),
            "rope-decay_base10000_vs_base500000_vs_base1000000");
  EXPECT_EQ(
      compare_file_stem("shift", {{{"d", "64"}, {"offset", "1"}}, {{"d", "128"}, {"offset", "5"}}}),
      "shift_d64_k1_vs_d128_k5");
  EXPECT_EQ(compare_file_stem("waves", {{{"d", "64"}}, {{"d", "64"}}}), "waves_compare");
}

TEST(ExportNames, TheExtensionFollowsTheFormat) {
  EXPECT_EQ(with_extension("encoding_d64", ExportFormat::Png), "encoding_d64.png");
  EXPECT_EQ(with_extension("encoding_d64.png", ExportFormat::Svg), "encoding_d64.svg");
  EXPECT_EQ(with_extension("Figure.SVG", ExportFormat::Csv), "Figure.csv");
  EXPECT_EQ(with_extension("slides.v2", ExportFormat::Png), "slides.v2.png");
  EXPECT_EQ(with_extension("a.csv", ExportFormat::Csv), "a.csv");
  EXPECT_EQ(with_extension("deck.PDF", ExportFormat::Png), "deck.png");
  EXPECT_EQ(with_extension("figure.svg", ExportFormat::Pdf), "figure.pdf");
  EXPECT_EQ(format_named("pdf"), ExportFormat::Pdf);
  EXPECT_STREQ(format_extension(ExportFormat::Svg), "svg");
  EXPECT_EQ(format_named("csv"), ExportFormat::Csv);
  EXPECT_FALSE(format_named("gif").has_value());
  EXPECT_FALSE(format_named("PNG").has_value());  // figure_format says it in lower case
}

TEST(ExportPaths, FoldersResolveToAbsolutePaths) {
  const fs::path cwd = "/work/run";
  EXPECT_EQ(resolve_folder("", cwd, "/home/ada"), fs::path("/work/run"));
  EXPECT_EQ(resolve_folder("  ", cwd, "/home/ada"), fs::path("/work/run"));
  EXPECT_EQ(resolve_folder("figs", cwd, "/home/ada"), fs::path("/work/run/figs"));
  EXPECT_EQ(resolve_folder("../out/./x/", cwd, "/home/ada"), fs::path("/work/out/x"));
  EXPECT_EQ(resolve_folder("~", cwd, "/home/ada"), fs::path("/home/ada"));
  EXPECT_EQ(resolve_folder("~/slides", cwd, "/home/ada"), fs::path("/home/ada/slides"));
  EXPECT_EQ(resolve_folder("/tmp/a/../b", cwd, "/home/ada"), fs::path("/tmp/b"));
  // "~user" is not expanded (no home of another user): a folder named so, under cwd.
  EXPECT_EQ(resolve_folder("~bob", cwd, "/home/ada"), fs::path("/work/run/~bob"));

  ExportForm form;
  form.folder = "~/slides";
  form.name = "  decay.png ";
  form.format = ExportFormat::Svg;
  EXPECT_EQ(form_path(form, cwd, "/home/ada"), fs::path("/home/ada/slides/decay.svg"));
}

TEST(ExportPaths, AimingTheFormAtAPathSetsFolderNameAndFormat) {
  ExportForm form;
  aim_form_at(form, "/tmp/out/fig.SVG");
  EXPECT_EQ(form.folder, "/tmp/out");
  EXPECT_EQ(form.name, "fig.svg");
  EXPECT_EQ(form.format, ExportFormat::Svg);
  // No folder: the current one; an extension of no format keeps the form's format.
  aim_form_at(form, "notes.txt");
  EXPECT_EQ(form.folder, fs::current_path().string());
  EXPECT_EQ(form.name, "notes.txt.svg");
  EXPECT_EQ(form.format, ExportFormat::Svg);

  ExportForm blank;
  blank.folder = "  ";
  fill_in_folder(blank);
  EXPECT_EQ(blank.folder, fs::current_path().string());
  blank.folder = "~/x";
  fill_in_folder(blank);
  EXPECT_EQ(blank.folder, "~/x");
}

TEST(ExportChecks, BadFormsAreOneLineAndGoodOnesPass) {
  ExportForm ok;
  ok.name = "x.png";
  EXPECT_EQ(check_form(ok), "");
  ok.width = 16;
  ok.height = 16;
  EXPECT_EQ(check_form(ok), "");
  ok.width = 5461;  // x3 = 16383
  ok.scale = 3;
  EXPECT_EQ(check_form(ok), "");

  const auto problem = [](auto change) {
    ExportForm f;
    f.name = "x.png";
    change(f);
    return check_form(f);
  };
  const std::string narrow = problem([](ExportForm& f) { f.width = 15; });
  EXPECT_NE(narrow.find("at least 16"), std::string::npos) << narrow;
  EXPECT_NE(problem([](ExportForm& f) { f.height = -3; }), "");
  const std::string huge = problem([](ExportForm& f) {
    f.width = 6000;
    f.scale = 3;
  });
  EXPECT_NE(huge.find("18000 x 3000"), std::string::npos) << huge;
  EXPECT_NE(problem([](ExportForm& f) { f.scale = 4; }), "");
  EXPECT_NE(problem([](ExportForm& f) { f.scale = 0; }), "");
  EXPECT_EQ(problem([](ExportForm& f) { f.name = ""; }), "Type a file name.");
  EXPECT_EQ(problem([](ExportForm& f) { f.name = "   "; }), "Type a file name.");
  EXPECT_NE(problem([](ExportForm& f) { f.name = "sub/x.png"; }).find("Folder"), std::string::npos);
  EXPECT_NE(problem([](ExportForm& f) { f.name = "a\tb"; }), "");
  EXPECT_NE(problem([](ExportForm& f) { f.name = ".."; }), "");
  for (const std::string& p :
       {narrow, huge, problem([](ExportForm& f) { f.name = "sub/x.png"; })}) {
    EXPECT_EQ(p.find('\n'), std::string::npos) << p;
  }
}

TEST(ExportChecks, FoldersThatCannotTakeTheFile) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_dlg_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  EXPECT_EQ(check_folder(dir), "");
  EXPECT_NE(check_folder(dir / "missing").find("does not exist"), std::string::npos);
  std::ofstream(dir / "file.txt") << "x";
  EXPECT_NE(check_folder(dir / "file.txt").find("is not a folder"), std::string::npos);
  fs::remove_all(dir);
}

TEST(ExportChecks, PictureOptionsFollowTheForm) {
  ExportForm form;
  form.width = 800;
  form.height = 500;
  form.scale = 2;
  form.transparent = true;
  form.theme = plot::Theme::Dark;
  const PictureOptions o = picture_options(form);
  EXPECT_EQ(o.pixel_width(), 1600);
  EXPECT_EQ(o.pixel_height(), 1000);
  EXPECT_TRUE(o.transparent);
  EXPECT_EQ(o.style.theme, plot::Theme::Dark);
  form.format = ExportFormat::Csv;  // numbers have no background
  EXPECT_FALSE(picture_options(form).transparent);
}

TEST(ExportChecks, RememberedFieldsComeBackAndNonsenseKeepsTheForm) {
  ExportForm form;
  form.folder = "/tmp/slides";
  form.format = ExportFormat::Svg;
  form.width = 1200;
  form.height = 700;
  form.scale = 2;
  form.transparent = true;
  form.theme = plot::Theme::Contrast;
  ExportForm again;
  restore_fields(again, remembered_fields(form));
  EXPECT_EQ(again.folder, "/tmp/slides");
  EXPECT_EQ(again.format, ExportFormat::Svg);
  EXPECT_EQ(again.width, 1200);
  EXPECT_EQ(again.height, 700);
  EXPECT_EQ(again.scale, 2);
  EXPECT_TRUE(again.transparent);
  EXPECT_EQ(again.theme, plot::Theme::Contrast);

  RememberedForm nonsense;
  nonsense.folder = "   ";
  nonsense.format = "gif";
  nonsense.width = 15;
  nonsense.height = kMaxSide + 1;
  nonsense.scale = 4;
  nonsense.theme = "sepia";
  ExportForm kept = form;
  restore_fields(kept, nonsense);
  EXPECT_EQ(kept.folder, "/tmp/slides");
  EXPECT_EQ(kept.format, ExportFormat::Svg);
  EXPECT_EQ(kept.width, 1200);
  EXPECT_EQ(kept.height, 700);
  EXPECT_EQ(kept.scale, 2);
  EXPECT_EQ(kept.theme, plot::Theme::Contrast);
}

TEST(ExportChecks, SizesReadAsPeopleSayThem) {
  EXPECT_EQ(human_size(512), "512 bytes");
  EXPECT_EQ(human_size(2048), "2 KB");
  EXPECT_EQ(human_size(3u << 20), "3.0 MB");
}

// ---------------------------------------------------------------------------
// Plans: the files an action writes, decided before anything is built.

// An item with a table of its own (no figure to build) or one whose figure fails.
ExportItem table_item(const std::string& view) {
  ExportItem item;
  item.view = view;
  item.title = view;
  item.stem = view;
  item.own_table = [](plot::TableSink& t) {
    t.header({"x", "value"});
    t.cell(1).cell(2.5);
    t.end_row();
    t.cell(2).cell("two");
    t.end_row();
  };
  return item;
}

ExportItem failing_item(const std::string& view) {
  ExportItem item = table_item(view);
  item.own_table = nullptr;
  item.build = [](const ProgressFn&) -> plot::Figure {
    throw std::runtime_error("too many cells");
  };
  return item;
}

class PlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_plan_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    form_.folder = dir_.string();
    form_.name = "fig";
    form_.format = ExportFormat::Csv;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  ExportForm form_;
};

TEST_F(PlanTest, OnlyExportNeedsAFileName) {
  form_.name = "";
  EXPECT_EQ(check_action(ExportAction::Export, form_), "Type a file name.");
  EXPECT_EQ(check_action(ExportAction::ExportAll, form_), "");
  EXPECT_EQ(check_action(ExportAction::CopySvg, form_), "");
  form_.scale = 5;
  EXPECT_NE(check_action(ExportAction::CopyCsv, form_), "");
}

TEST_F(PlanTest, ExportWritesTheFormsFileAndExportAllOneFilePerView) {
  const std::vector<ExportItem> one = {table_item("encoding")};
  ExportPlan plan = plan_files(ExportAction::Export, form_, one, "/nowhere", "");
  EXPECT_EQ(plan.error, "");
  ASSERT_EQ(plan.paths.size(), 1u);
  EXPECT_EQ(plan.paths[0], dir_ / "fig.csv");
  EXPECT_TRUE(plan.existing.empty());

  const std::vector<ExportItem> all = {table_item("encoding"), table_item("waves")};
  std::ofstream(dir_ / "waves.csv") << "old";
  plan = plan_files(ExportAction::ExportAll, form_, all, "/nowhere", "");
  EXPECT_EQ(plan.error, "");
  ASSERT_EQ(plan.paths.size(), 2u);
  EXPECT_EQ(plan.paths[0], dir_ / "encoding.csv");
  EXPECT_EQ(plan.paths[1], dir_ / "waves.csv");
  EXPECT_EQ(plan.existing, std::vector<std::string>{"waves.csv"});
  EXPECT_EQ(replace_question(plan.existing), "waves.csv already exists. Replace it?");
  EXPECT_EQ(replace_question({"a.png", "b.png"}),
            "2 of the files already exist (a.png, ...). Replace them?");

  // A Copy writes no file; it writes its own format.
  plan = plan_files(ExportAction::CopySvg, form_, one, "/nowhere", "");
  EXPECT_EQ(plan.error, "");
  EXPECT_TRUE(plan.paths.empty());
  EXPECT_EQ(job_form(ExportAction::CopySvg, form_).format, ExportFormat::Svg);
  form_.format = ExportFormat::Png;
  EXPECT_EQ(job_form(ExportAction::CopyCsv, form_).format, ExportFormat::Csv);
  EXPECT_EQ(job_form(ExportAction::Export, form_).format, ExportFormat::Png);
}

TEST_F(PlanTest, AFolderInTheWayOrNoFolderIsOneLine) {
  const std::vector<ExportItem> one = {table_item("encoding")};
  fs::create_directories(dir_ / "fig.csv");
  ExportPlan plan = plan_files(ExportAction::Export, form_, one, "/nowhere", "");
  EXPECT_EQ(plan.error, (dir_ / "fig.csv").string() + " is a folder: choose another file name.");
  form_.folder = "missing";  // under cwd
  plan = plan_files(ExportAction::Export, form_, one, dir_, "");
  EXPECT_NE(plan.error.find("does not exist"), std::string::npos) << plan.error;
  EXPECT_TRUE(plan.paths.empty());
}

// ---------------------------------------------------------------------------
// The job, without the dialog: as the window's frames drive it.

void run(ExportJob& job) {
  const auto start = std::chrono::steady_clock::now();
  while (job.busy() && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    if (!job.take_build() && !job.writing()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (job.writing()) job.write_next();
  }
  ASSERT_FALSE(job.busy()) << "the job did not finish";
}

TEST_F(PlanTest, AJobWritesTheTableAsWriteTableCsvDoes) {
  const ExportItem item = table_item("encoding");
  ExportJob job;
  job.start(ExportAction::Export, form_, false, [&] { return std::vector<ExportItem>{item}; });
  run(job);
  EXPECT_EQ(job.error(), "");
  ASSERT_EQ(job.written(), std::vector<fs::path>{dir_ / "fig.csv"});
  EXPECT_EQ(job.copy_path(), (dir_ / "fig.csv").string());
  EXPECT_EQ(job.message().rfind("Wrote " + (dir_ / "fig.csv").string(), 0), 0u) << job.message();
  job.note_path_copied();
  job.note_path_copied();
  EXPECT_EQ(job.message().find("(path copied)"), job.message().rfind("(path copied)"));
  const fs::path direct = dir_ / "direct.csv";
  write_table_csv(item.own_table, direct.string());
  EXPECT_EQ(slurp(dir_ / "fig.csv"), slurp(direct));

  // Again: asked first, and the items are not asked for when the form is bad.
  job.start(ExportAction::Export, form_, false, [&] { return std::vector<ExportItem>{item}; });
  ASSERT_TRUE(job.asking());
  EXPECT_EQ(job.existing(), std::vector<std::string>{"fig.csv"});
  EXPECT_EQ(job.pending(), ExportAction::Export);
  EXPECT_TRUE(job.keep_old());
  EXPECT_EQ(job.message(), "Nothing written: the old file is kept.");
  EXPECT_FALSE(job.keep_old());
  bool asked = false;
  form_.width = 3;
  job.start(ExportAction::Export, form_, true, [&] {
    asked = true;
    return std::vector<ExportItem>{item};
  });
  EXPECT_FALSE(asked);
  EXPECT_NE(job.error().find("at least 16"), std::string::npos);

  // Copy CSV: the same text, on no disk.
  form_.width = 1600;
  form_.format = ExportFormat::Png;
  job.start(ExportAction::CopyCsv, form_, false, [&] { return std::vector<ExportItem>{item}; });
  bool copied = false;
  const auto start = std::chrono::steady_clock::now();
  while (job.busy() && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    if (job.take_build() || !job.writing()) continue;
    copied = job.write_next();
  }
  EXPECT_TRUE(copied);
  EXPECT_EQ(job.copied(), slurp(direct));
  EXPECT_EQ(job.message().rfind("Copied 3 lines of CSV", 0), 0u) << job.message();
  EXPECT_TRUE(job.written().empty());
  EXPECT_EQ(files_in(dir_), 2);  // fig.csv and direct.csv: no temporary file left
}

TEST_F(PlanTest, AFailingFigureStopsTheJobBeforeAnyFile) {
  ExportJob job;
  form_.format = ExportFormat::Svg;
  job.start(ExportAction::ExportAll, form_, false, [] {
    return std::vector<ExportItem>{table_item("encoding"), failing_item("waves")};
  });
  run(job);
  EXPECT_EQ(job.error(), "waves: too many cells");
  EXPECT_TRUE(job.written().empty());
  EXPECT_EQ(files_in(dir_), 0);
}

TEST_F(PlanTest, CancellingABuildWritesNothing) {
  ExportItem slow = table_item("slow");
  slow.own_table = nullptr;
  slow.build = [](const ProgressFn& progress) -> plot::Figure {
    for (;;) {
      report_progress(progress, 0.5);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  ExportJob job;
  job.start(ExportAction::Export, form_, false, [&] { return std::vector<ExportItem>{slow}; });
  EXPECT_TRUE(job.building());
  EXPECT_EQ(job.status(), "Building the figure…");
  EXPECT_TRUE(job.cancel_build());
  EXPECT_FALSE(job.busy());
  EXPECT_EQ(job.error(), "Cancelled: no file written.");
  EXPECT_FALSE(job.cancel_build());
  EXPECT_EQ(files_in(dir_), 0);
}

// ---------------------------------------------------------------------------
// The CSV tables: what the window writes is what `peviz export VIEW --out F.csv`
// writes for the same parameters (the real program, run here), and what a lesson step
// showing the view holds.

std::string command_csv(const std::string& args, const fs::path& path) {
  const int status = std::system(
      ("env -u DISPLAY " + std::string(PEVIZ_EXE) + " export " + args + " --out " + path.string())
          .c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << args;
  return slurp(path);
}

// Lets the dialog's builds finish and its files be written, as the window's frames do.
void settle(ExportDialog& dialog) {
  const auto start = std::chrono::steady_clock::now();
  while (dialog.busy() && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    dialog.perform(nullptr);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_FALSE(dialog.busy()) << "the export did not finish";
}

// The CSV the dialog's Export button writes for the explorer's active view.
std::string dialog_csv(Explorer& explorer, const fs::path& path) {
  ExportDialog dialog;
  dialog.open(explorer);
  dialog.form().folder = path.parent_path().string();
  dialog.form().format = ExportFormat::Csv;
  dialog.form().name = path.filename().string();
  dialog.press_export(explorer);
  settle(dialog);
  EXPECT_EQ(dialog.error(), "");
  return slurp(path);
}

std::string figure_csv_text(const plot::Figure& figure, const fs::path& path) {
  {
    AtomicFile file(path.string());
    CsvWriter csv(file);
    write_figure_csv(figure, csv);
    csv.flush();
    file.commit();
  }
  return slurp(path);
}

// Every view, with nothing set: the command line, a fresh window's dialog and a one-step
// lesson start from the same defaults and write the same bytes. A lesson export writes
// pictures only, so the lesson's side is its step's table (View::table after apply_step),
// and for every view the step's figure's numbers (write_figure_csv) against the figure the
// command line builds.
TEST(ExportTables, EveryViewWritesTheSameCsvFromTheCommandLineTheWindowAndALesson) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_same_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::unique_ptr<View>> views = make_views();
  int tables = 0;
  for (const auto& v : views) {
    const std::string name = v->name();
    SCOPED_TRACE(name);
    const std::string cli = command_csv(name, dir / (name + "-cli.csv"));
    ASSERT_GT(cli.size(), 20u);

    Explorer explorer;
    explorer.select_view(name);
    EXPECT_EQ(dialog_csv(explorer, dir / (name + "-dialog.csv")), cli);

    const LessonParse parsed = parse_lesson("title: T\n## Step\nview: " + name + "\n", "t.lesson");
    ASSERT_TRUE(parsed.ok()) << (parsed.problems.empty() ? "" : parsed.problems[0].message);
    const LessonStep& step = parsed.lesson->steps.at(0);
    std::vector<std::unique_ptr<View>> fresh = make_views();
    View& lesson_view = **std::find_if(fresh.begin(), fresh.end(),
                                       [&](const auto& f) { return name == f->name(); });
    SharedParams lesson_shared;
    apply_step(step, lesson_shared, lesson_view);
    // The command line's figure: a fresh view at its first scheme, 1600 x 1000.
    SharedParams cli_shared;
    cli_shared.scheme = v->schemes().front();
    const plot::FigureRequest request{1600, 1000, {}};
    const std::string lesson_figure =
        figure_csv_text(step_figure(step, request), dir / (name + "-lesson-figure.csv"));
    const std::string cli_figure =
        figure_csv_text(v->builder(cli_shared, request)([](double) { return true; }),
                        dir / (name + "-cli-figure.csv"));
    EXPECT_EQ(lesson_figure, cli_figure);
    if (const plot::TableWriter table = lesson_view.table(lesson_shared)) {
      ++tables;
      write_table_csv(table, (dir / (name + "-lesson.csv")).string());
      EXPECT_EQ(slurp(dir / (name + "-lesson.csv")), cli);
    } else {
      EXPECT_EQ(cli.rfind("panel,layer,label,x,y,value\n", 0), 0u);
      EXPECT_EQ(lesson_figure, cli);
    }
  }
  // encoding, wavelengths, similarity, shift, rope-clocks, rope-decay, precision, alibi, t5,
  // model.
  EXPECT_EQ(tables, 10);
  fs::remove_all(dir);
}

// The window's values, set as the sidebar sets them, give the command line's table.
TEST(ExportTables, WindowValuesGiveTheCommandLinesTable) {
  const fs::path dir = fs::temp_directory_path() / ("peviz_tbl_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  struct Case {
    std::string view;
    std::vector<NamedValue> values;  // set in the window, in this order
    std::string args;                // the same, for peviz export
  };
  const std::vector<Case> cases = {
      {"encoding",
       {{"d", "16"}, {"base", "500"}, {"positions", "12"}, {"start", "3"}, {"layout", "concat"}},
       "encoding --d 16 --base 500 --positions 12 --start 3 --layout concat"},
      {"encoding",
       {{"scheme", "learned"}, {"d", "6"}, {"positions", "5"}, {"seed", "3"}},
       "encoding --scheme learned --d 6 --positions 5 --seed 3"},
      {"similarity",
       {{"d", "32"}, {"positions", "20"}, {"metric", "dot"}, {"row", "5"}},
       "similarity --d 32 --positions 20 --metric dot --row 5"},
      {"shift",
       {{"d", "8"}, {"positions", "30"}, {"offset", "-4"}, {"position", "2"}},
       "shift --d 8 --positions 30 --offset -4 --position 2"},
      {"rope-decay",
       {{"d", "32"}, {"base", "500"}, {"max-distance", "40"}, {"bases", "10000,50"}},
       "rope-decay --d 32 --base 500 --max-distance 40 --bases 10000,50"},
      {"alibi", {{"heads", "12"}}, "alibi --heads 12"},
      // T5's R = 0 is twice the max distance.
      {"t5",
       {{"num-buckets", "16"}, {"max-distance", "40"}, {"mask", "none"}, {"max-relative", "0"}},
       "t5 --num-buckets 16 --max-distance 40 --mask none --max-relative 0"},
      {"wavelengths", {{"d", "16"}, {"positions", "300"}}, "wavelengths --d 16 --positions 300"},
      {"wavelengths",
       {{"scheme", "rope"},
        {"d", "96"},
        {"partial-rotary", "0.25"},
        {"scaling", "llama3"},
        {"factor", "8"},
        {"original-context", "8192"},
        {"high-freq-factor", "2"}},
       "wavelengths --scheme rope --d 96 --partial-rotary 0.25 --scaling llama3 --factor 8 "
       "--original-context 8192 --high-freq-factor 2"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    SCOPED_TRACE(c.args);
    Explorer explorer;
    explorer.select_view(c.view);
    for (const auto& [name, value] : c.values) explorer.set_param(name, value);
    const std::string n = std::to_string(i);
    const std::string ours = dialog_csv(explorer, dir / ("window" + n + ".csv"));
    const std::string theirs = command_csv(c.args, dir / ("cli" + n + ".csv"));
    EXPECT_GT(ours.size(), 20u);
    EXPECT_EQ(ours, theirs);
  }
  fs::remove_all(dir);
}

// ---------------------------------------------------------------------------
// The dialog, driven as its buttons drive it, with no window (no clipboard).

class DialogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_dialog_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Lets the builds finish and the files be written, as the window's frames do.
  void settle() {
    const auto start = std::chrono::steady_clock::now();
    while (dialog_.busy() && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
      dialog_.perform(nullptr);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_FALSE(dialog_.busy()) << "the export did not finish";
  }
  fs::path dir_;
  Explorer explorer_;
  ExportDialog dialog_;
};

TEST_F(DialogTest, ExportWritesTheViewAtTheRequestedSize) {
  explorer_.select_view("rope-decay");
  dialog_.open(explorer_);
  EXPECT_EQ(dialog_.form().name, "rope-decay_rope_d64_dist256.png");
  dialog_.form().folder = dir_.string();
  dialog_.form().width = 700;
  dialog_.form().height = 450;
  dialog_.form().scale = 2;
  dialog_.press_export(explorer_);
  settle();
  EXPECT_EQ(dialog_.error(), "");
  const fs::path file = dir_ / "rope-decay_rope_d64_dist256.png";
  ASSERT_EQ(dialog_.written().size(), 1u);
  EXPECT_EQ(dialog_.written()[0], file);
  EXPECT_NE(dialog_.message().find(file.string()), std::string::npos) << dialog_.message();
  const testing_png::Image img = testing_png::load(file);
  EXPECT_EQ(img.width, 1400);
  EXPECT_EQ(img.height, 900);
  EXPECT_EQ(files_in(dir_), 1);  // no temporary file left
}

TEST_F(DialogTest, AnExistingFileIsReplacedOnlyWhenTheUserSaysSo) {
  const fs::path file = dir_ / "mine.svg";
  std::ofstream(file) << "my own drawing";
  dialog_.open(explorer_);
  dialog_.form().folder = dir_.string();
  dialog_.form().format = ExportFormat::Svg;
  dialog_.form().name = "mine.svg";
  dialog_.press_export(explorer_);
  settle();
  ASSERT_TRUE(dialog_.asking());
  EXPECT_TRUE(dialog_.written().empty());
  EXPECT_EQ(slurp(file), "my own drawing");
  dialog_.keep_old();
  EXPECT_FALSE(dialog_.asking());
  EXPECT_EQ(slurp(file), "my own drawing");

  dialog_.press_export(explorer_);
  ASSERT_TRUE(dialog_.asking());
  dialog_.replace(explorer_);
  settle();
  EXPECT_EQ(dialog_.error(), "");
  const std::string svg = slurp(file);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("Sinusoidal positional encoding"), std::string::npos);
}

TEST_F(DialogTest, BadInputIsOneLineAndLeavesNoFile) {
  dialog_.open(explorer_);
  dialog_.form().folder = dir_.string();
  dialog_.form().width = 8;
  dialog_.press_export(explorer_);
  EXPECT_NE(dialog_.error().find("at least 16"), std::string::npos) << dialog_.error();
  dialog_.form().width = 1600;
  dialog_.form().name = "";
  dialog_.press_export(explorer_);
  EXPECT_EQ(dialog_.error(), "Type a file name.");
  dialog_.form().name = "x.png";
  dialog_.form().folder = (dir_ / "no" / "such").string();
  dialog_.press_export(explorer_);
  EXPECT_NE(dialog_.error().find("does not exist"), std::string::npos) << dialog_.error();
  EXPECT_FALSE(dialog_.busy());
  EXPECT_EQ(files_in(dir_), 0);

  // A folder the program cannot write into (as root the check passes and the write
  // itself fails): one line, no file, and the dialog goes on working.
  dialog_.form().folder = "/sys";
  dialog_.press_export(explorer_);
  settle();
  EXPECT_NE(dialog_.error(), "");
  EXPECT_EQ(dialog_.error().find('\n'), std::string::npos) << dialog_.error();
  EXPECT_FALSE(fs::exists("/sys/x.png"));
  EXPECT_TRUE(dialog_.written().empty());

  // Parameters the view cannot draw: the build fails, nothing is written.
  explorer_.select_view("similarity");
  explorer_.set_param("positions", "1048576");
  dialog_.form().folder = dir_.string();
  dialog_.form().format = ExportFormat::Csv;
  dialog_.form().name = "sim.csv";
  dialog_.press_export(explorer_);
  settle();
  EXPECT_NE(dialog_.error().find("cells"), std::string::npos) << dialog_.error();
  EXPECT_EQ(files_in(dir_), 0);
}

TEST_F(DialogTest, ExportAllWritesEveryViewInTheFolder) {
  explorer_.set_param("d", "16");
  explorer_.set_param("positions", "12");
  dialog_.open(explorer_);
  dialog_.form().folder = dir_.string();
  dialog_.form().format = ExportFormat::Csv;
  dialog_.press_export_all(explorer_);
  settle();
  EXPECT_EQ(dialog_.error(), "");
  const std::vector<std::string> names = explorer_.view_names();
  EXPECT_EQ(dialog_.written().size(), names.size());
  EXPECT_EQ(files_in(dir_), static_cast<long>(names.size()));
  for (const std::string& n : names) EXPECT_TRUE(fs::exists(dir_ / (n + ".csv"))) << n;
  // A view with its own table writes it, with the shared parameters (16 dims).
  const std::string encoding = slurp(dir_ / "encoding.csv");
  EXPECT_EQ(encoding.rfind("position,dim_0,", 0), 0u);
  EXPECT_NE(encoding.find(",dim_15\n"), std::string::npos);
  EXPECT_EQ(std::count(encoding.begin(), encoding.end(), '\n'), 13);  // header + 12 positions
  // A view without one writes its figure's numbers.
  EXPECT_EQ(slurp(dir_ / "waves.csv").rfind("panel,layer,label,x,y,value", 0), 0u);

  // Again: every file exists, so the dialog asks first.
  dialog_.press_export_all(explorer_);
  EXPECT_TRUE(dialog_.asking());
}

TEST_F(DialogTest, CopyPutsTheSvgOrTheNumbersOnTheClipboard) {
  explorer_.select_view("alibi");
  explorer_.set_param("heads", "12");
  dialog_.open(explorer_);
  dialog_.press_copy_csv(explorer_);
  settle();
  EXPECT_EQ(dialog_.error(), "");
  const std::string& csv = dialog_.copied();
  EXPECT_EQ(csv.rfind("head,slope\n", 0), 0u) << csv.substr(0, 40);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 13);
  EXPECT_NE(csv.find("\n0,0.5\n"), std::string::npos);  // 12 heads: m0 = 2^-1 (official order)

  dialog_.press_copy_svg(explorer_);
  settle();
  EXPECT_EQ(dialog_.error(), "");
  EXPECT_NE(dialog_.copied().find("<svg"), std::string::npos);
  EXPECT_NE(dialog_.copied().find("</svg>"), std::string::npos);
  EXPECT_TRUE(dialog_.written().empty());  // nothing on disk
}

TEST_F(DialogTest, TheComparisonIsExportedAsOneFigure) {
  explorer_.select_view("rope-decay");
  explorer_.set_param("compare", "base=10000;base=500000");
  dialog_.open(explorer_);
  EXPECT_EQ(dialog_.form().name, "rope-decay_base10000_vs_base500000.png");
  dialog_.form().folder = dir_.string();
  dialog_.form().format = ExportFormat::Svg;
  dialog_.form().name = "cmp";
  dialog_.press_export(explorer_);
  settle();
  EXPECT_EQ(dialog_.error(), "");
  const std::string svg = slurp(dir_ / "cmp.svg");
  // Both panels' headers name what differs.
  EXPECT_NE(svg.find("base = 10000"), std::string::npos);
  EXPECT_NE(svg.find("base = 500000"), std::string::npos);
}

// A zoomed plot: the dialog offers the visible range (the figure built at the zoomed
// windows, its axes limited to them, as on screen) or the whole range.
namespace {

// A similarity grid of learned vectors zoomed on positions 20-40, as a scene opens it.
Scene zoomed_scene() {
  Scene s;
  s.view = "similarity";
  s.settings = {{"scheme", "learned"}, {"positions", "100"}};
  s.zoom = {{"grid", plot::DataWindow{20, 40, 20, 40}}};
  return s;
}

const plot::Panel* panel_named(const plot::Figure& f, const std::string& id) {
  for (const plot::Panel& p : f.panels) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

// The longest run of the grid's diagonal colour (RdBu at +1, #053061) along row y.
int diagonal_run(const testing_png::Image& img, int y) {
  int best = 0, run = 0;
  for (int x = 0; x < img.width; ++x) {
    const unsigned char* c = img.at(x, y);
    const bool dark_blue = c[0] < 30 && c[1] > 30 && c[1] < 70 && c[2] > 80 && c[2] < 120;
    run = dark_blue ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

}  // namespace

TEST_F(DialogTest, AZoomedPlotExportsTheVisibleRangeOrTheWholeRange) {
  explorer_.open_scene(zoomed_scene());
  ASSERT_TRUE(explorer_.zoomed());
  // The figures: the visible range's axes are the zoom window, the whole range's are not.
  const plot::Figure visible = explorer_.export_item(800, 600, true).build({});
  const plot::Figure whole = explorer_.export_item(800, 600, false).build({});
  const plot::Panel* v = panel_named(visible, "grid");
  const plot::Panel* w = panel_named(whole, "grid");
  ASSERT_NE(v, nullptr);
  ASSERT_NE(w, nullptr);
  EXPECT_DOUBLE_EQ(std::min(v->x.lo, v->x.hi), 20.0);
  EXPECT_DOUBLE_EQ(std::max(v->x.lo, v->x.hi), 40.0);
  EXPECT_DOUBLE_EQ(std::min(v->y.lo, v->y.hi), 20.0);
  EXPECT_DOUBLE_EQ(std::max(v->y.lo, v->y.hi), 40.0);
  EXPECT_LE(std::min(w->x.lo, w->x.hi), 0.0);
  EXPECT_GE(std::max(w->x.lo, w->x.hi), 99.0);
  // The axis labels drawn (editable SVG text): 20 to 40 only in the visible range.
  const auto labels = [](const plot::Figure& f) {
    return figure_svg(f, 800, 600, plot::light_style(), 1.0f, false, /*editable_text=*/true);
  };
  const std::string vs = labels(visible), ws = labels(whole);
  for (const char* tick : {">20</text>", ">30</text>", ">40</text>"})
    EXPECT_NE(vs.find(tick), std::string::npos) << tick;
  EXPECT_EQ(vs.find(">80</text>"), std::string::npos);
  EXPECT_NE(ws.find(">80</text>"), std::string::npos);

  // The dialog: visible range by default, whole range when asked; the pictures' diagonal
  // cells are five times wider in the visible range (20 positions across, not 100).
  dialog_.open(explorer_);
  EXPECT_TRUE(dialog_.zoomed());
  EXPECT_TRUE(dialog_.visible_range());
  dialog_.form().folder = dir_.string();
  dialog_.form().width = 800;
  dialog_.form().height = 600;
  dialog_.form().name = "visible.png";
  dialog_.save_scene() = true;
  dialog_.press_export(explorer_);
  settle();
  ASSERT_EQ(dialog_.error(), "");
  EXPECT_EQ(dialog_.scene_written(), dir_ / "visible.scene");
  dialog_.visible_range() = false;
  dialog_.form().name = "whole.png";
  dialog_.press_export(explorer_);
  settle();
  ASSERT_EQ(dialog_.error(), "");
  const testing_png::Image vi = testing_png::load(dir_ / "visible.png");
  const testing_png::Image wi = testing_png::load(dir_ / "whole.png");
  ASSERT_EQ(vi.width, 800);
  ASSERT_EQ(wi.width, 800);
  int vrun = 0, wrun = 0;
  for (int y = 200; y < 400; y += 10) {
    vrun = std::max(vrun, diagonal_run(vi, y));
    wrun = std::max(wrun, diagonal_run(wi, y));
  }
  EXPECT_GT(wrun, 0);
  EXPECT_GT(vrun, 3 * wrun) << "visible " << vrun << " px, whole " << wrun << " px";
  // The scene beside the picture reproduces it: the view, the zoom, the picture's size.
  const Scene scene = read_scene((dir_ / "visible.scene").string());
  EXPECT_EQ(scene.view, "similarity");
  ASSERT_EQ(scene.zoom.size(), 1u);
  EXPECT_EQ(scene.zoom[0].first, "grid");
  EXPECT_EQ(scene.zoom[0].second, (plot::DataWindow{20, 40, 20, 40}));
  EXPECT_EQ(scene.width, 800);
  EXPECT_EQ(scene.height, 600);
  // The whole range's scene has no zoom.
  EXPECT_TRUE(read_scene((dir_ / "whole.scene").string()).zoom.empty());
}

// "Export animation…": a view with a Play button offers its moving position; the dialog
// writes the GIF through write_animation, one frame per value, at the form's size.
TEST_F(DialogTest, AViewWithAPlayButtonExportsAnAnimatedGif) {
  {
    State plain;
    EXPECT_FALSE(suggest_animation(plain, nullptr)) << "the encoding heatmap has no Play";
  }
  explorer_.select_view("rope-clocks");
  explorer_.set_param("position", "10");
  State state = explorer_.state();
  const std::optional<AnimationSpec> spec = suggest_animation(state, nullptr);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->param, "position");
  EXPECT_DOUBLE_EQ(spec->from, 10.0);
  EXPECT_DOUBLE_EQ(spec->to, 58.0);
  dialog_.offer_animation(spec);
  dialog_.open(explorer_);
  dialog_.form().folder = dir_.string();
  dialog_.form().name = "clocks.png";
  dialog_.form().width = 320;
  dialog_.form().height = 200;
  dialog_.animation_spec()->frames = 3;
  dialog_.press_export_animation(explorer_);
  EXPECT_FALSE(dialog_.settled());
  dialog_.perform(nullptr);
  ASSERT_EQ(dialog_.animation_error(), "");
  const fs::path gif = dir_ / "clocks.gif";
  EXPECT_EQ(dialog_.animation_written(), gif);
  int error = 0;
  GifFileType* file = DGifOpenFileName(gif.c_str(), &error);
  ASSERT_NE(file, nullptr) << error;
  ASSERT_EQ(DGifSlurp(file), GIF_OK);
  EXPECT_EQ(file->ImageCount, 3);
  EXPECT_EQ(file->SWidth, 320);
  EXPECT_EQ(file->SHeight, 200);
  DGifCloseFile(file, &error);
  EXPECT_EQ(files_in(dir_), 1);
}

TEST_F(DialogTest, SettingsRememberTheFolderAndFormat) {
  dialog_.form().folder = "/tmp/slides";
  dialog_.form().format = ExportFormat::Svg;
  dialog_.form().scale = 2;
  dialog_.form().width = 1200;
  ExportDialog again;
  again.load(dialog_.save());
  EXPECT_EQ(again.form().folder, "/tmp/slides");
  EXPECT_EQ(again.form().format, ExportFormat::Svg);
  EXPECT_EQ(again.form().scale, 2);
  EXPECT_EQ(again.form().width, 1200);
  // Nonsense keeps the defaults.
  ExportDialog fresh;
  fresh.load({{"format", "gif"}, {"scale", 9}, {"width", "wide"}, {"folder", 3}});
  EXPECT_EQ(fresh.form().format, ExportFormat::Png);
  EXPECT_EQ(fresh.form().scale, 1);
  EXPECT_EQ(fresh.form().width, 1600);
  EXPECT_EQ(fresh.form().folder, fs::current_path().string());
}

// ---------------------------------------------------------------------------
// The explorer's Export button and Ctrl+E, in ImGui frames with simulated input
// (no window, no GPU: a view of lines only, whose figure needs no texture).

class ExplorerKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1000, 700);
    io.DeltaTime = 1.0f / 60.0f;
    fonts_ = load_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    explorer_.select_view("rope-decay");
    frame();
  }
  void TearDown() override { ImGui::DestroyContext(); }
  void frame(ImVec2 mouse = ImVec2(-100, -100), bool down = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    explorer_.frame(fonts_, plot::light_style(), 0.0);
    ImGui::Render();
  }
  void key(int k, bool ctrl) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[k] = true;
    frame();
    io.KeysDown[k] = false;
    io.KeyCtrl = false;
    frame();
  }
  Fonts fonts_;
  Explorer explorer_;
};

TEST_F(ExplorerKeysTest, CtrlEAsksForTheDialogAndEAloneDoesNot) {
  EXPECT_FALSE(explorer_.take_export_request());
  key('E', false);
  EXPECT_FALSE(explorer_.take_export_request());
  key('E', true);
  EXPECT_TRUE(explorer_.take_export_request());
  EXPECT_FALSE(explorer_.take_export_request());  // taken once
  // Ctrl+C is not C: compare mode stays off.
  key('C', true);
  EXPECT_FALSE(explorer_.comparing());
}

TEST_F(ExplorerKeysTest, TheExportButtonSitsAtTheTopRightOfTheView) {
  // The main area starts right of the sidebar (340 px at this width); the button
  // ends 10 px inside its right edge, 4 px under its top.
  const ImVec2 on(1000 - 16 - 10 - 12, 12 + 4 + 10);
  frame(on);
  frame(on, true);
  frame(on, false);
  EXPECT_TRUE(explorer_.take_export_request());
  // A click on the plot itself is not an export.
  const ImVec2 plot(700, 400);
  frame(plot);
  frame(plot, true);
  frame(plot, false);
  EXPECT_FALSE(explorer_.take_export_request());
}

}  // namespace
}  // namespace peviz
