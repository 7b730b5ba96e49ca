// Lessons that cannot drift (issue 15): a number a lesson quotes must be one its step's
// figure shows, so that changing a step's parameters without its text fails the check on
// the line of the number; live fields ({{value:NAME}}) fill a number from the figure and
// stay true by construction; literals ({{=TEXT}}) are text the check leaves alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/lesson/lesson.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The 1-based line of `text` that contains `words` (the first one).
int line_of(const std::string& text, const std::string& words) {
  const std::size_t at = text.find(words);
  EXPECT_NE(at, std::string::npos) << words;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// `text` with its one occurrence of `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "not unique: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

fs::path builtin(const std::string& name) {
  return builtin_lesson_dir() / name;
}

// Everything `peviz lesson check` says about `text` (parse and figures).
std::vector<LessonProblem> check(const std::string& text) {
  return all_problems(parse_lesson(text, "copy.lesson"));
}

::testing::AssertionResult has_problem(const std::vector<LessonProblem>& problems, int line,
                                       const std::string& words) {
  std::string all;
  for (const LessonProblem& p : problems) {
    if (p.line == line && p.message.find(words) != std::string::npos)
      return ::testing::AssertionSuccess();
    all += "\n  line " + std::to_string(p.line) + ": " + p.message;
  }
  return ::testing::AssertionFailure()
         << "no problem on line " << line << " containing '" << words << "'; got:" << all;
}

// ---------------------------------------------------------------------------
// The rule: which numbers are quoted

TEST(QuotedNumbers, DigitsWithFractionAndExponentOutsideNamesAndAboveTwelve) {
  const auto texts = [](const std::string& s) {
    std::vector<std::string> out;
    for (const QuotedNumber& q : quoted_numbers(s, 7)) {
      EXPECT_EQ(q.line, 7);
      out.push_back(q.text);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(texts("the big number is 7.8e-16, then 0.337 and −0.39; 11.401152618."),
            (V{"7.8e-16", "0.337", "0.39", "11.401152618"}));
  // Names, units and small whole numbers are not quoted numbers.
  EXPECT_EQ(texts("fp16 bf16 GPT-2 32k 4k 2D x2 lesson 9, d = 12, 1/8, 10¹⁵"), V{});
  EXPECT_EQ(texts("d = 64, 13 and 1.0, 2e5 and 3E−4"), (V{"64", "13", "1.0", "2e5", "3E−4"}));
  // The tolerance is half a unit of the last digit written.
  const std::vector<QuotedNumber> q = quoted_numbers("0.337 7.8e-16 47117", 1);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_NEAR(q[0].tolerance, 0.0005, 1e-15);
  EXPECT_NEAR(q[1].tolerance, 0.05e-16, 1e-30);
  EXPECT_NEAR(q[2].tolerance, 0.5, 1e-15);
  EXPECT_TRUE(number_shown(q[0], {0.33712}));
  EXPECT_TRUE(number_shown(q[0], {-0.3374}));
  EXPECT_FALSE(number_shown(q[0], {0.3376}));
  EXPECT_TRUE(number_shown(q[1], {7.77156117238e-16}));
  EXPECT_FALSE(number_shown(q[1], {8.9e-16}));
  EXPECT_TRUE(number_shown(q[2], {47117.2}));
  EXPECT_FALSE(number_shown(q[2], {47118}));
}

TEST(LiveFields, FormatsAndFilling) {
  EXPECT_EQ(format_field(0.337095905415, ".3g"), "0.337");
  EXPECT_EQ(format_field(7.77156117238e-16, ".2g"), "7.8e-16");
  EXPECT_EQ(format_field(11.4011526184, ".11g"), "11.401152618");
  EXPECT_EQ(format_field(0.250711, ".2f"), "0.25");
  EXPECT_EQ(format_field(2.5e-5, ".1e"), "2.5e-05");
  // The default: 3 significant digits, whole from 1000 to 10⁷, the minus sign "−".
  EXPECT_EQ(format_field(2.16964084126, ""), "2.17");
  EXPECT_EQ(format_field(47117.2, ""), "47117");
  EXPECT_EQ(format_field(-0.390625, ""), "−0.391");
  EXPECT_EQ(format_field(-1e-9, ".2f"), "0.00");
  for (const char* ok : {"", ".3g", ".0f", ".17e", ".12g"})
    EXPECT_TRUE(valid_field_format(ok)) << ok;
  for (const char* bad : {"3", ".g", ".3x", "%.3g", ".18g", ".3gg", "3g"})
    EXPECT_FALSE(valid_field_format(bad)) << bad;

  const LessonParse p = parse_lesson(
      "title: T\n## S\nview: playground\nscheme: nope\n"
      "set: mask = causal, text = dog bites man, second = man bites dog\n"
      "The **difference is {{value:largest_output_difference}}**, ε = {{=2.2e-16}}.\n"
      "ask: And {{value:largest_output_difference:.5f}}?\nanswer: {{=0.125}} no.\n",
      "f.lesson");
  ASSERT_TRUE(p.ok()) << (p.problems.empty() ? "" : p.problems[0].message);
  const LessonStep& step = p.lesson->steps[0];
  ASSERT_EQ(step.fields.size(), 2u);
  EXPECT_EQ(step.fields[0].name, "largest_output_difference");
  EXPECT_EQ(step.fields[0].line, 6);  // in line order
  EXPECT_EQ(step.fields[1].line, 7);
  EXPECT_TRUE(step.quoted.empty());  // fields and literals are not quoted numbers
  const std::vector<TextSpan>& spans = step.text[0].spans;
  ASSERT_EQ(spans.size(), 4u);  // "The ", "difference is " (bold), the field (bold), the rest
  EXPECT_EQ(spans[2].field, "largest_output_difference");
  EXPECT_TRUE(spans[2].bold);
  EXPECT_EQ(spans[3].text, ", ε = 2.2e-16.");  // a literal is plain text
  // No figure yet: "…", never a stale number; a value the figure lacks: "?".
  EXPECT_EQ(fill_fields(spans, nullptr)[2].text, "…");
  plot::Figure other;
  EXPECT_EQ(fill_fields(spans, &other)[2].text, "?");
  const plot::Figure figure = step_figure(step, {480, 300, {}});
  const std::vector<TextSpan> filled = fill_fields(spans, &figure);
  EXPECT_EQ(filled[2].text, "2.17");
  EXPECT_EQ(fill_fields(step.question->ask, &figure)[1].text, "2.16964");
  EXPECT_TRUE(check(std::string("title: T\n## S\nview: playground\nscheme: nope\n") +
                    "set: mask = causal, text = dog bites man, second = man bites dog\n" +
                    "{{value:largest_output_difference}}\n")
                  .empty());
}

TEST(LiveFields, MarkupMistakesAndUnknownNamesNameTheLine) {
  std::vector<LessonProblem> problems =
      parse_lesson(
          "title: T\n## S\nview: nope\nOpen {{value:x\n{{valeu:x}}\n"
          "{{value:a b}}\n{{value:x:3}}\n",
          "m.lesson")
          .problems;
  EXPECT_TRUE(has_problem(problems, 4, "not closed on this line"));
  EXPECT_TRUE(has_problem(problems, 5, "unknown field '{{valeu:x}}'"));
  EXPECT_TRUE(has_problem(problems, 6, "a value's name is letters, digits and '_'"));
  EXPECT_TRUE(has_problem(problems, 7, "unknown format '3'"));
  // A name the figure does not state: the check lists the names it does.
  problems =
      check("title: T\n## S\nview: playground\nscheme: nope\nBig: {{value:largest_diference}}.\n");
  EXPECT_TRUE(has_problem(problems, 5, "states no value 'largest_diference'"));
  EXPECT_TRUE(has_problem(problems, 5, "largest_output_difference"));
  // An escaped brace is text.
  EXPECT_TRUE(parse_lesson("title: T\n## S\nview: nope\n\\{{ is a brace\n", "e.lesson").ok());
}

TEST(LessonNotes, ForTheTeacherOnlyAndContinued) {
  const LessonParse p = parse_lesson(
      "title: T\n## S\nview: nope\nText.\nnotes: Ask the class first.\n  Then reveal.\n"
      "notes: Second note.\nMore text.\n",
      "n.lesson");
  ASSERT_TRUE(p.ok()) << p.problems[0].message;
  const LessonStep& s = p.lesson->steps[0];
  EXPECT_EQ(s.notes,
            (std::vector<std::string>{"Ask the class first. Then reveal.", "Second note."}));
  ASSERT_EQ(s.text.size(), 2u);  // the notes are not the step's text
  EXPECT_TRUE(has_problem(parse_lesson("title: T\n## S\nview: nope\nnotes:\n", "n.lesson").problems,
                          4, "'notes:' needs its text"));
}

// ---------------------------------------------------------------------------
// Drift is caught: a copy of a built-in lesson with a parameter changed and its text not

TEST(LessonDrift, EveryBuiltInLessonQuotesOnlyWhatItsFiguresShow) {
  for (const fs::path& file : builtin_lessons()) {
    const std::vector<LessonProblem> problems = all_problems(load_lesson(file));
    for (const LessonProblem& q : problems) ADD_FAILURE() << format_problem(file.string(), q);
  }
}

TEST(LessonDrift, ChangingTheSeedOfRoPEsScoreFailsOnTheLineOfTheScore) {
  const std::string text = read_file(builtin("07-rope.lesson"));
  ASSERT_TRUE(check(text).empty());
  const std::string drifted =
      replaced(text, "set: m = 5, n = 12, t = 40, positions = 100, seed = 0",
               "set: m = 5, n = 12, t = 40, positions = 100, seed = 1");
  const std::vector<LessonProblem> problems = check(drifted);
  EXPECT_TRUE(has_problem(problems, line_of(text, "for m = 5, n = 12: **11.401152618**"),
                          "the text quotes 11.401152618, which the figure does not show"));
  EXPECT_TRUE(
      has_problem(problems, line_of(text, "answer: 11.401152618 again"), "quotes 11.401152618"));
}

TEST(LessonDrift, ChangingDFailsWhereTheTextQuotesANumberOfTheOldD) {
  const std::string text = read_file(builtin("05-nearby-positions.lesson"));
  const std::string drifted = replaced(
      text, "set: d = 64, base = 10000, positions = 100, start = 0, metric = cosine, row = 50",
      "set: d = 32, base = 10000, positions = 100, start = 0, metric = cosine, row = 50");
  const std::vector<LessonProblem> problems = check(drifted);
  EXPECT_TRUE(has_problem(problems, line_of(text, "with cosine **0.9662**"), "quotes 0.9662"));
  EXPECT_TRUE(has_problem(problems, line_of(text, "√(d/2) = 5.657"), "quotes 5.657"));
  // And as `peviz lesson check` says it: FILE:LINE: message, exit 1.
  const fs::path copy =
      fs::temp_directory_path() / ("peviz_drift_" + std::to_string(::getpid()) + ".lesson");
  std::ofstream(copy, std::ios::binary) << drifted;
  const fs::path err = copy.string() + ".err";
  const int status = std::system(("env -u DISPLAY " + std::string(PEVIZ_EXE) + " lesson check " +
                                  copy.string() + " > /dev/null 2> " + err.string())
                                     .c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1);
  const std::string said = read_file(err);
  EXPECT_NE(
      said.find(copy.string() + ":" + std::to_string(line_of(text, "with cosine **0.9662**")) +
                ": step 'Checked live: nearest is most similar': the text quotes 0.9662"),
      std::string::npos)
      << said;
  fs::remove(copy);
  fs::remove(err);
}

TEST(LessonDrift, ChangingTheBaseFailsOnTheLongestWavelength) {
  const std::string text = read_file(builtin("03-sinusoidal.lesson"));
  const std::string drifted = replaced(text, "set: d = 64, positions = 100, log = true",
                                       "set: d = 64, positions = 100, "
                                       "log = true, base = 20000");
  EXPECT_TRUE(has_problem(check(drifted), line_of(text, "answer: 47117"), "quotes 47117"));
}

TEST(LessonDrift, LiveFieldsFollowTheParameters) {
  // Lesson 1 states its headline numbers as live fields: another sentence changes the
  // numbers, not the truth of the text.
  const std::string text = read_file(builtin("01-position-problem.lesson"));
  const std::string drifted =
      replaced(text, "set: text = dog bites man, second = man bites dog\nNow each word",
               "set: text = the cat saw the dog, second = dog saw the cat the\nNow each word");
  // Step 3's answer is a live field and follows; step 4 (which keeps the sentence) quotes
  // the rounding level of "dog bites man" as a plain number, and that is caught.
  const std::vector<LessonProblem> problems = check(drifted);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(has_problem(problems, line_of(text, "the number is 7.8e-16"), "quotes 7.8e-16"));
  const LessonParse p = parse_lesson(drifted, "copy.lesson");
  ASSERT_TRUE(p.ok());
  const LessonStep& step = p.lesson->steps[2];
  const plot::Figure figure = step_figure(step, {480, 300, {}});
  const std::optional<double> difference = figure_value(figure, "largest_output_difference");
  ASSERT_TRUE(difference.has_value());
  const std::vector<TextSpan> answer = fill_fields(step.question->answer, &figure);
  EXPECT_EQ(answer[0].text, format_field(*difference, ".3g"));
  EXPECT_NE(answer[0].text, "0.337");
}

// A number quoted in an animated step counts when its start or its end shows it; a number
// quoted nowhere on screen, with no parameter of that value, is reported.
TEST(LessonDrift, AnimatedStepsAndParameters) {
  const std::string base =
      "title: T\n## S\nview: shift\nscheme: sinusoidal\nset: d = 64, positions = 100, position = "
      "10\nanimate: offset 1 -> 50 in 8s\n";
  EXPECT_TRUE(check(base + "At k = 50 the error is 1.8e-15; d = 64, 100 positions.\n").empty());
  EXPECT_TRUE(has_problem(check(base + "The error is 4.2e-13.\n"), 7, "quotes 4.2e-13"));
  EXPECT_TRUE(check(base + "The error is {{=4.2e-13}}.\n").empty());
}

}  // namespace
}  // namespace peviz
