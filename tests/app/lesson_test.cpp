// Lessons as data (app/lesson/lesson.hpp): broken files are rejected with the line
// and a message a teacher can act on; a valid file becomes the steps, parameters,
// animation, question and text it says; random and truncated input never crashes;
// every lesson of the built-in course passes the check; and `peviz lesson check`
// prints what it promises with the exit codes it promises.
#include "app/lesson/lesson.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "app/params/param_io.hpp"
#include "app/state/state.hpp"
#include "app/views/registry.hpp"
#include "core/validate.hpp"
#include "file_checks.hpp"

namespace fs = std::filesystem;

namespace peviz {
namespace {

// The problems of `text`, which must not parse.
std::vector<LessonProblem> problems_of(const std::string& text) {
  const LessonParse p = parse_lesson(text, "test.lesson");
  EXPECT_FALSE(p.ok()) << "expected problems in:\n" << text;
  return p.problems;
}

// True if one problem is on `line` and its message contains `words`.
::testing::AssertionResult has_problem(const std::vector<LessonProblem>& problems, int line,
                                       const std::string& words) {
  std::string all;
  for (const LessonProblem& p : problems) {
    if (p.line == line && p.message.find(words) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
    all += "\n  line " + std::to_string(p.line) + ": " + p.message;
  }
  return ::testing::AssertionFailure()
         << "no problem on line " << line << " containing '" << words << "'; got:" << all;
}

std::string value_of(const std::vector<std::pair<std::string, std::string>>& values,
                     const std::string& name) {
  for (const auto& [n, v] : values) {
    if (n == name) return v;
  }
  ADD_FAILURE() << "no value for '" << name << "'";
  return "";
}

// A header and one step, with `body` as the step's lines (line 3 is the first).
std::string one_step(const std::string& body) {
  return "title: T\n## Step\n" + body;
}

// ---------------------------------------------------------------------------
// Broken files

TEST(LessonParse, UnknownViewNamesTheLineAndSuggestsTheClosestView) {
  const auto p = problems_of("title: T\n\n## One\nview: encodign\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].line, 4);
  EXPECT_EQ(p[0].message, "unknown view 'encodign' (did you mean 'encoding'?)");
  // Far from every name: the list of views instead of a guess.
  EXPECT_TRUE(has_problem(problems_of(one_step("view: zzzzzz\n")), 3, "(choose encoding, waves"));
}

TEST(LessonParse, AnswerWithoutAskAndAskWithoutAnswer) {
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nanswer: 42\n")), 4,
                          "'answer:' without 'ask:'"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\n\nask: Why?\n")), 5,
                          "'ask:' without 'answer:'"));
  // An answer before its question is still an answer without a question.
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nanswer: A\nask: Q\n")), 4,
                          "'answer:' without 'ask:'"));
}

// A bad value is refused with the command line's words (ParamSetter's message).
TEST(LessonParse, BadValuesSayWhatTheParameterWants) {
  auto p = problems_of(one_step("view: encoding\nset: d = abc\n"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].line, 4);
  EXPECT_EQ(p[0].message, "--d 'abc': not a number");
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: d = 63\n")), 4,
                          "--d '63': must be even (dimensions pair up): try 62 or 64"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: base = 1\n")), 4,
                          "--base '1': must be between 2 and 1e+08"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: layout = zigzag\n")), 4,
                          "--layout 'zigzag': choose interleaved, concat"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: values = maybe\n")), 4,
                          "--values 'maybe': use true or false"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nscheme: transformer\n")), 4,
                          "--scheme 'transformer': choose sinusoidal, learned, rope"));
}

TEST(LessonParse, UnknownParameterSuggestsTheClosestName) {
  const auto p = problems_of(one_step("view: encoding\nset: d = 16, bse = 100\n"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].line, 4);
  EXPECT_EQ(p[0].message, "view 'encoding' has no option 'bse' (did you mean 'base'?)");
}

TEST(LessonParse, ParametersTheViewDoesNotUseAndSchemesItDoesNotShow) {
  // heads is a shared parameter, but the encoding view does not draw it.
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: heads = 4\n")), 4,
                          "view 'encoding' does not use 'heads' (it uses d, base, "));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: heads = 4\n")), 4,
                          "): set it in the step that shows it"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nscheme: rope\n")), 4,
                          "view 'encoding' shows sinusoidal, learned, not rope"));
  // The learned encoding has no base: the check follows the scheme set in the same step.
  EXPECT_TRUE(
      has_problem(problems_of(one_step("view: encoding\nscheme: learned\nset: base = 100\n")), 5,
                  "does not use 'base'"));
}

TEST(LessonParse, HeaderStepsAndDirectives) {
  EXPECT_TRUE(has_problem(problems_of("## S\nview: encoding\n"), 1, "no 'title:' line"));
  EXPECT_TRUE(has_problem(problems_of("title: T\n# only a comment\n"), 2, "has no steps"));
  EXPECT_TRUE(
      has_problem(problems_of("title: T\n## S\nset: d = 16\n"), 2, "step 'S' names no view"));
  EXPECT_TRUE(has_problem(problems_of("title: T\nSome words.\n## S\nview: encoding\n"), 2,
                          "text before the first step"));
  EXPECT_TRUE(has_problem(problems_of("title: T\nview: encoding\n## S\nview: encoding\n"), 2,
                          "'view:' before the first step"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\ntitle: Again\n")), 4,
                          "'title:' belongs at the top"));
  EXPECT_TRUE(has_problem(problems_of("title: A\ntitle: B\n## S\nview: encoding\n"), 2,
                          "a second 'title:' (the first is on line 1)"));
  EXPECT_TRUE(
      has_problem(problems_of(one_step("view: encoding\nview: waves\n")), 4, "a second 'view:'"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: d = 16, d = 32\n")), 4,
                          "parameter 'd' is set twice"));
  EXPECT_TRUE(
      has_problem(problems_of("title: T\n##S\nview: encoding\n"), 2, "a step starts with '## '"));
  EXPECT_TRUE(
      has_problem(problems_of(one_step("view: encoding\n### Sub\n")), 4, "'###' is not a step"));
  EXPECT_TRUE(has_problem(problems_of(one_step("veiw: encoding\n")), 3,
                          "unknown directive 'veiw:' (did you mean 'view:'?"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nAsk: Why?\n")), 4,
                          "directives are lower case: write 'ask:'"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: d 16\n")), 4,
                          "'set:' wants name = value pairs"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: playground\nset: text = \"a b\",\n")), 4,
                          "a ',' at the end of 'set:'"));
  // Unquoted, a comma not followed by "name =" belongs to the value (lists keep theirs).
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nset: d = 16,\n")), 4,
                          "--d '16,': not a number"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: playground\nset: text = \"dog bites\n")), 4,
                          "opens a '\"' that is never closed"));
}

TEST(LessonParse, UnclosedEmphasisNamesTheLineWhereItOpens) {
  const auto p =
      problems_of(one_step("view: encoding\n\nA **bold start\nthat goes on\n\nok *here*\n"));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(has_problem(p, 5, "'**' starts bold text that is never closed"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nask: a *b\nanswer: c\n")), 4,
                          "'*' starts italic text"));
}

TEST(LessonParse, AnimationsMustMoveANumberTheViewUses) {
  const auto animate = [](const std::string& a) {
    return problems_of(one_step("view: rope-clocks\nanimate: " + a + "\n"));
  };
  EXPECT_TRUE(has_problem(animate("position 0 to 200 in 5s"), 4, "'animate:' wants NAME FROM"));
  EXPECT_TRUE(has_problem(animate("position 0 -> 200 in 0s"), 4, "from 0.1 to 600"));
  EXPECT_TRUE(has_problem(animate("position 0 -> 200 in 1000s"), 4, "from 0.1 to 600"));
  EXPECT_TRUE(has_problem(animate("position 0 -> 200 in 5s slowly"), 4, "what is 'slowly'?"));
  EXPECT_TRUE(has_problem(animate("positon 0 -> 200 in 5s"), 4,
                          "view 'rope-clocks' has no option 'positon' (did you mean 'position'?)"));
  EXPECT_TRUE(has_problem(animate("pairing 0 -> 1 in 5s"), 4, "only numeric parameters"));
  EXPECT_TRUE(
      has_problem(animate("heads 1 -> 8 in 5s"), 4, "does not use 'heads' (it uses d, base, "));
  EXPECT_TRUE(has_problem(animate("position 0 -> 5000000 in 5s"), 4,
                          "the animation's end: --position '5000000': must be between 0 and "));
  EXPECT_TRUE(has_problem(animate("position 7 -> 7 in 5s"), 4, "nothing would move"));
  EXPECT_TRUE(has_problem(animate("position 0 -> 200 in 5s log"), 4,
                          "a 'log' animation needs a start and an end above 0"));
}

TEST(LessonParse, TextThatIsNotUtf8OrHasControlCharactersOrHugeLines) {
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nbad \xC3\x28 byte\n")), 4,
                          "not UTF-8 text"));
  EXPECT_TRUE(has_problem(problems_of(one_step("view: encoding\nbell \x07 here\n")), 4,
                          "control character 0x07"));
  EXPECT_TRUE(has_problem(
      problems_of(one_step("view: encoding\n" + std::string(kLessonMaxLineBytes + 1, 'a') + "\n")),
      4, "a lesson line is at most"));
  EXPECT_TRUE(has_problem(problems_of(std::string(kLessonMaxBytes + 1, '#')), 0,
                          "a short text of at most"));
}

TEST(LessonParse, EveryProblemOfAFileInLineOrder) {
  const auto p = problems_of(
      "title: T\n"
      "## A\n"
      "view: encodign\n"  // 3
      "## B\n"
      "view: encoding\n"
      "set: d = 7\n"  // 6
      "ask: Q?\n"     // 7: no answer
      "## C\n"
      "view: rope-clocks\n"
      "animate: position 5 -> 5 in 1s\n");  // 10
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].line, 3);
  EXPECT_EQ(p[1].line, 6);
  EXPECT_EQ(p[2].line, 7);
  EXPECT_EQ(p[3].line, 10);
}

// ---------------------------------------------------------------------------
// A valid file

const char* const kValid =
    "\xEF\xBB\xBF# A lesson for the test\r\n"                                  // 1
    "title: Sinusoidal, step by step\r\n"                                      // 2
    "about: One line for the first screen.\n"                                  // 3
    "\n"                                                                       // 4
    "## The formula\n"                                                         // 5
    "view: encoding\n"                                                         // 6
    "set: d = 16, positions = 20, base = 100\n"                                // 7
    "Each position gets a **vector**\n"                                        // 8
    "of *d numbers*.\n"                                                        // 9
    "\n"                                                                       // 10
    "- first item with ***both***\n"                                           // 11
    "- second item \\*not italic\\* and a\n"                                   // 12
    "  continued line\n"                                                       // 13
    "ask: What is PE(1, 0)?\n"                                                 // 14
    "answer: sin(1) = **0.84**,\n"                                             // 15
    "\tas the table shows.\n"                                                  // 16
    "\n"                                                                       // 17
    "## Waves\n"                                                               // 18
    "view: waves\n"                                                            // 19
    "set: dims = 0,1,10,11, positions = 50\n"                                  // 20
    "animate: base 10 -> 100000 in 8s log\n"                                   // 21
    "Note: a line with a colon is text.\n"                                     // 22
    "\\view: so is an escaped directive.\n"                                    // 23
    "\n"                                                                       // 24
    "## Back to the table\n"                                                   // 25
    "view: encoding\n"                                                         // 26
    "scheme: learned\n"                                                        // 27
    "## RoPE clocks\n"                                                         // 28
    "view: rope-clocks\n"                                                      // 29
    "animate: position 0 → 200 in 5 s\n"                                       // 30
    "## Playground\n"                                                          // 31
    "view: playground\n"                                                       // 32
    "set: text = \"dog, bites, man\", second = man bites dog, mask = none\n";  // 33

class ValidLesson : public ::testing::Test {
 protected:
  void SetUp() override {
    const LessonParse p = parse_lesson(kValid, "valid.lesson");
    for (const LessonProblem& q : p.problems) ADD_FAILURE() << q.line << ": " << q.message;
    ASSERT_TRUE(p.ok());
    lesson = *p.lesson;
  }
  Lesson lesson;
};

TEST_F(ValidLesson, HeaderAndSteps) {
  EXPECT_EQ(lesson.file, "valid.lesson");
  EXPECT_EQ(lesson.title, "Sinusoidal, step by step");
  EXPECT_EQ(lesson.about, "One line for the first screen.");
  ASSERT_EQ(lesson.steps.size(), 5u);
  EXPECT_EQ(lesson.steps[0].title, "The formula");
  EXPECT_EQ(lesson.steps[0].line, 5);
  EXPECT_EQ(lesson.steps[0].view, "encoding");
  EXPECT_EQ(lesson.steps[1].view, "waves");
  EXPECT_EQ(lesson.steps[3].view, "rope-clocks");
  EXPECT_EQ(lesson.questions(), 1);
  EXPECT_EQ(lesson_summary(lesson), "5 steps, 1 question");
}

TEST_F(ValidLesson, SettingsInFileOrderWithTheirLines) {
  const auto& s = lesson.steps[0].settings;
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].name, "d");
  EXPECT_EQ(s[0].value, "16");
  EXPECT_EQ(s[2].name, "base");
  EXPECT_EQ(s[2].value, "100");
  EXPECT_EQ(s[2].line, 7);
  // A list keeps its commas; a quoted value keeps anything.
  const auto& w = lesson.steps[1].settings;
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].value, "0,1,10,11");
  EXPECT_EQ(w[1].name, "positions");
  EXPECT_EQ(value_of(lesson.steps[4].view_params, "text"), "dog, bites, man");
  EXPECT_EQ(value_of(lesson.steps[4].view_params, "second"), "man bites dog");
  // "scheme:" is a setting like the others.
  ASSERT_EQ(lesson.steps[2].settings.size(), 1u);
  EXPECT_EQ(lesson.steps[2].settings[0].name, "scheme");
  EXPECT_EQ(lesson.steps[2].settings[0].line, 27);
}

TEST_F(ValidLesson, ParametersAreInheritedAndResolved) {
  const LessonStep& first = lesson.steps[0];
  EXPECT_EQ(value_of(first.shared, "d"), "16");
  EXPECT_EQ(value_of(first.shared, "positions"), "20");
  EXPECT_EQ(value_of(first.shared, "scheme"), "sinusoidal");
  EXPECT_EQ(value_of(first.shared, "heads"), "8");  // a default
  EXPECT_EQ(value_of(first.view_params, "values"), "true");
  // Step 2 keeps d = 16 from step 1; its animated base starts at 10.
  const LessonStep& waves = lesson.steps[1];
  EXPECT_EQ(value_of(waves.shared, "d"), "16");
  EXPECT_EQ(value_of(waves.shared, "positions"), "50");
  EXPECT_EQ(std::stod(value_of(waves.shared, "base")), 10.0);
  EXPECT_EQ(value_of(waves.view_params, "dims"), "0,1,10,11");
  // Step 3 inherits the end of step 2's animation, and the scheme it sets.
  const LessonStep& back = lesson.steps[2];
  EXPECT_EQ(std::stod(value_of(back.shared, "base")), 100000.0);
  EXPECT_EQ(back.scheme, Scheme::Learned);
  EXPECT_EQ(value_of(back.shared, "scheme"), "learned");
  // A view that does not show the inherited scheme moves to its own, as the explorer does.
  EXPECT_EQ(lesson.steps[3].scheme, Scheme::Rope);
  // The playground shows every scheme: it keeps RoPE.
  EXPECT_EQ(lesson.steps[4].scheme, Scheme::Rope);
  EXPECT_EQ(value_of(lesson.steps[4].shared, "mask"), "none");
}

TEST_F(ValidLesson, ResolvedParametersRebuildTheStepOnFreshViews) {
  for (const LessonStep& step : lesson.steps) {
    std::vector<std::unique_ptr<View>> views = make_views();
    auto it = std::find_if(views.begin(), views.end(),
                           [&](const auto& v) { return step.view == v->name(); });
    ASSERT_NE(it, views.end());
    SharedParams shared;
    apply_step(step, shared, **it);
    ValueCollector s, v;
    shared.visit(s);
    (*it)->visit(v);
    EXPECT_EQ(s.values, step.shared) << step.title;
    EXPECT_EQ(v.values, step.view_params) << step.title;
  }
  // The figure of step 1 is the encoding it describes.
  const plot::Figure f = step_figure(lesson.steps[0], {800, 600, {}});
  EXPECT_NE(f.subtitle.find("d_model = 16"), std::string::npos) << f.subtitle;
  EXPECT_NE(f.subtitle.find("base = 100 "), std::string::npos) << f.subtitle;
  EXPECT_NE(f.subtitle.find("positions 0–"
                            "19"),
            std::string::npos)
      << f.subtitle;
  // A step applied to another view is refused.
  std::vector<std::unique_ptr<View>> views = make_views();
  SharedParams shared;
  EXPECT_THROW(apply_step(lesson.steps[0], shared, *views.back()), InvalidArgument);
}

// On one State, step after step (as a window does): each step makes its view active with
// exactly its resolved parameters, whatever the step before it left.
TEST_F(ValidLesson, ResolvedParametersApplyToOneState) {
  State state;
  for (const LessonStep& step : lesson.steps) {
    apply_step(step, state);
    EXPECT_EQ(state.view().name(), step.view);
    EXPECT_EQ(state.shared.scheme, step.scheme);
    ValueCollector s, v;
    state.shared.visit(s);
    state.view().visit(v);
    EXPECT_EQ(s.values, step.shared) << step.title;
    EXPECT_EQ(v.values, step.view_params) << step.title;
  }
  LessonStep unknown = lesson.steps[0];
  unknown.view = "encodign";
  try {
    apply_step(unknown, state);
    ADD_FAILURE() << "no refusal";
  } catch (const InvalidArgument& e) {
    EXPECT_STREQ(e.what(), "unknown view 'encodign' (did you mean 'encoding'?)");
  }
}

TEST_F(ValidLesson, Animations) {
  EXPECT_FALSE(lesson.steps[0].animation);
  ASSERT_TRUE(lesson.steps[1].animation);
  const Animation& base = *lesson.steps[1].animation;
  EXPECT_EQ(base.line, 21);
  EXPECT_EQ(base.param, "base");
  EXPECT_TRUE(base.shared);
  EXPECT_TRUE(base.log);
  EXPECT_FALSE(base.integer);
  EXPECT_EQ(base.from, 10.0);
  EXPECT_EQ(base.to, 100000.0);
  EXPECT_EQ(base.seconds, 8.0);
  // Log: equal ratios in equal times; halfway is the geometric mean 10^3.
  EXPECT_NEAR(base.value_at(4.0), 1000.0, 1e-9);
  EXPECT_NEAR(base.value_at(2.0), 100.0, 1e-10);
  EXPECT_EQ(base.value_at(-1.0), 10.0);
  EXPECT_EQ(base.value_at(99.0), 100000.0);
  EXPECT_EQ(std::stod(base.text_at(4.0)), base.value_at(4.0));

  ASSERT_TRUE(lesson.steps[3].animation);
  const Animation& pos = *lesson.steps[3].animation;
  EXPECT_EQ(pos.param, "position");
  EXPECT_FALSE(pos.shared);  // the rope-clocks view's own parameter
  EXPECT_TRUE(pos.integer);
  EXPECT_FALSE(pos.log);
  EXPECT_EQ(pos.seconds, 5.0);
  EXPECT_EQ(pos.value_at(2.5), 100.0);
  EXPECT_EQ(pos.value_at(1.0), 40.0);
  EXPECT_EQ(pos.value_at(0.01), 0.0);  // 0.4 rounds to 0
  EXPECT_EQ(pos.text_at(1.0), "40");
  EXPECT_EQ(value_of(lesson.steps[3].view_params, "position"), "0");
}

TEST(LessonParse, AnimatingAnEvenParameterStaysEven) {
  const LessonParse p =
      parse_lesson(one_step("view: encoding\nanimate: d 2 -> 64 in 10s\n"), "even.lesson");
  ASSERT_TRUE(p.ok());
  const Animation& a = *p.lesson->steps[0].animation;
  EXPECT_TRUE(a.even);
  for (double t = 0; t <= 10.0; t += 0.37) {
    const double v = a.value_at(t);
    EXPECT_EQ(std::fmod(v, 2.0), 0.0) << "t = " << t;
    EXPECT_GE(v, 2.0);
    EXPECT_LE(v, 64.0);
    ParamSetter set("d", a.text_at(t));  // what the player will do: it must be accepted
    SharedParams shared;
    EXPECT_NO_THROW(shared.visit(set)) << a.text_at(t);
  }
}

TEST_F(ValidLesson, TextBlocksAndSpans) {
  const auto& text = lesson.steps[0].text;
  ASSERT_EQ(text.size(), 3u);
  EXPECT_EQ(text[0].kind, TextBlock::Kind::Paragraph);
  EXPECT_EQ(text[0].line, 8);
  const std::vector<TextSpan> para = {{"Each position gets a ", false, false},
                                      {"vector", true, false},
                                      {" of ", false, false},
                                      {"d numbers", false, true},
                                      {".", false, false}};
  EXPECT_EQ(text[0].spans, para);
  EXPECT_EQ(text[1].kind, TextBlock::Kind::ListItem);
  const std::vector<TextSpan> item1 = {{"first item with ", false, false}, {"both", true, true}};
  EXPECT_EQ(text[1].spans, item1);
  EXPECT_EQ(text[2].kind, TextBlock::Kind::ListItem);
  ASSERT_EQ(text[2].spans.size(), 1u);
  EXPECT_EQ(text[2].spans[0].text, "second item *not italic* and a continued line");
  // Directive-looking text: a capitalised word and an escaped directive.
  const auto& waves = lesson.steps[1].text;
  ASSERT_EQ(waves.size(), 1u);
  ASSERT_EQ(waves[0].spans.size(), 1u);
  EXPECT_EQ(waves[0].spans[0].text,
            "Note: a line with a colon is text. view: so is an escaped directive.");
}

TEST_F(ValidLesson, QuestionAndAnswerWithContinuation) {
  ASSERT_TRUE(lesson.steps[0].question);
  const Question& q = *lesson.steps[0].question;
  EXPECT_EQ(q.ask_line, 14);
  EXPECT_EQ(q.answer_line, 15);
  const std::vector<TextSpan> ask = {{"What is PE(1, 0)?", false, false}};
  EXPECT_EQ(q.ask, ask);
  const std::vector<TextSpan> answer = {
      {"sin(1) = ", false, false}, {"0.84", true, false}, {", as the table shows.", false, false}};
  EXPECT_EQ(q.answer, answer);
  EXPECT_FALSE(lesson.steps[1].question);
}

// ---------------------------------------------------------------------------
// Never a crash

TEST(LessonFuzz, RandomBytesTruncationsAndMutationsNeverThrow) {
  const std::string valid = kValid;
  std::mt19937 rng(12345);
  // Random bytes of random lengths.
  for (int i = 0; i < 300; ++i) {
    std::string s(std::uniform_int_distribution<int>(0, 3000)(rng), '\0');
    for (char& c : s) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    LessonParse p;
    ASSERT_NO_THROW(p = parse_lesson(s, "random"));
    EXPECT_FALSE(p.ok());
    EXPECT_LE(p.problems.size(), static_cast<std::size_t>(kLessonMaxProblems) + 1);
  }
  // Every prefix of a valid file: parses or names problems on lines that exist.
  for (std::size_t n = 0; n <= valid.size(); ++n) {
    const std::string s = valid.substr(0, n);
    LessonParse p;
    ASSERT_NO_THROW(p = parse_lesson(s, "prefix")) << n;
    const long lines = std::count(s.begin(), s.end(), '\n') + 1;
    for (const LessonProblem& q : p.problems) {
      EXPECT_GE(q.line, 0);
      EXPECT_LE(q.line, lines) << q.message;
      EXPECT_FALSE(q.message.empty());
    }
  }
  // Mutations: a few bytes of the valid file replaced by lesson-ish characters.
  const std::string alphabet = "#*:-=,\"\\ \n\t->0123456789abcdvieworsetlgké→";
  for (int i = 0; i < 1500; ++i) {
    std::string s = valid;
    const int edits = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
      s[at] = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    }
    ASSERT_NO_THROW(parse_lesson(s, "mutated")) << s;
  }
  // A huge line and a huge number of lines.
  EXPECT_NO_THROW(parse_lesson("title: T\n## S\nview: encoding\n" + std::string(500000, 'x'), "h"));
  std::string many = "title: T\n";
  for (int i = 0; i < 20000; ++i) many += "## S\nview: nope\n";
  LessonParse p;
  ASSERT_NO_THROW(p = parse_lesson(many, "many"));
  EXPECT_TRUE(p.ok());
  EXPECT_EQ(p.lesson->steps.size(), 20000u);
}

// ---------------------------------------------------------------------------
// The built-in course

TEST(BuiltInCourse, EveryLessonInCourseOrderIsValidAndDrawable) {
  const std::vector<fs::path> files = builtin_lessons();
  // The ten lessons of issue 6, and any lesson added later is checked the same way.
  ASSERT_GE(files.size(), 10u) << builtin_lesson_dir();
  for (std::size_t i = 0; i < files.size(); ++i) {
    // 01-..., 02-..., ...: the file names sort in course order.
    const std::string number = (i + 1 < 10 ? "0" : "") + std::to_string(i + 1) + "-";
    EXPECT_EQ(files[i].filename().string().rfind(number, 0), 0u) << files[i];
  }
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    const LessonParse p = load_lesson(file);
    for (const LessonProblem& q : p.problems) ADD_FAILURE() << format_problem(file, q);
    ASSERT_TRUE(p.ok());
    const Lesson& lesson = *p.lesson;
    EXPECT_FALSE(lesson.title.empty());
    EXPECT_FALSE(lesson.about.empty());
    // The course's own rules (issue 6): 4 to 10 steps, at least one question, and
    // something to read on every step (text or a question).
    EXPECT_GE(lesson.steps.size(), 4u);
    EXPECT_LE(lesson.steps.size(), 10u);
    EXPECT_GE(lesson.questions(), 1);
    for (const LessonStep& step : lesson.steps) {
      EXPECT_TRUE(!step.text.empty() || step.question) << step.title;
    }
    for (const LessonProblem& q : check_lesson_figures(lesson)) {
      ADD_FAILURE() << format_problem(file, q);
    }
  }
}

TEST(LessonFiles, MissingFileAndFolderAreOneProblemEach) {
  LessonParse p = load_lesson("/nonexistent/peviz/x.lesson");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].line, 0);
  EXPECT_EQ(format_problem("x.lesson", p.problems[0]), "x.lesson: no such file");
  p = load_lesson(fs::temp_directory_path());
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].message, "is a folder, not a lesson file");
  EXPECT_EQ(format_problem("a.lesson", {12, "oops"}), "a.lesson:12: oops");
}

TEST(LessonFigures, AViewThatCannotDrawItsParametersIsAProblemOnTheStepLine) {
  // dims names a dimension d = 16 does not have: accepted as text, refused by the view.
  const LessonParse p = parse_lesson(
      "title: T\n## A\nview: waves\nset: d = 16, dims = 0,99\n## B\nview: long-context\n"
      "set: scalings = ntk,fast\n",
      "figures.lesson");
  ASSERT_TRUE(p.ok());
  const std::vector<LessonProblem> problems = check_lesson_figures(*p.lesson);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_NE(problems[0].message.find("step 'A': view 'waves' cannot draw these parameters"),
            std::string::npos)
      << problems[0].message;
  EXPECT_EQ(problems[1].line, 5);
  EXPECT_NE(problems[1].message.find("'fast'"), std::string::npos) << problems[1].message;
}

// A file with a broken line and a step no view can draw gets both at once, in line order
// (the drawing check once waited for the file to parse first).
TEST(LessonFigures, SyntaxAndValueProblemsAreReportedTogether) {
  const LessonParse p = parse_lesson(
      "title: Both\n"
      "## Waves\n"
      "view: waves\n"
      "set: dims = 0,99\n"
      "x\n"
      "## Typo\n"
      "view: encodign\n"
      "x\n",
      "both.lesson");
  ASSERT_FALSE(p.ok());
  const std::vector<LessonProblem> all = all_problems(p);
  ASSERT_EQ(all.size(), 2u) << format_problem("both.lesson", all[0]);
  EXPECT_EQ(all[0].line, 2);
  EXPECT_NE(all[0].message.find("'99' is not a dimension"), std::string::npos) << all[0].message;
  EXPECT_EQ(all[1].line, 7);
  EXPECT_NE(all[1].message.find("unknown view 'encodign'"), std::string::npos) << all[1].message;
}

TEST(LessonParse, AHugeFileSaysItsSizeInMegabytes) {
  const std::string big(static_cast<std::size_t>(kLessonMaxBytes) + 300000, 'x');
  const LessonParse p = parse_lesson(big, "big.lesson");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].message, "the file is 1.3 MB; a lesson is a short text of at most 1 MB");
}

// A lesson of 1,000 steps at the largest size once took 136 s to check: the check now
// draws each distinct step once, at a small size, so its work is bounded by the number of
// distinct steps, and a problem among them is still found on its line.
TEST(LessonFigures, TheCheckDrawsEachDistinctStepOnceAtAReducedSize) {
  std::string text = "title: big\n";
  for (int i = 0; i < 1000; ++i) {
    text += "## Step " + std::to_string(i) +
            "\nview: similarity\nset: d = 4096, positions = 1048576\nx\n";
  }
  LessonParse p = parse_lesson(text, "big.lesson");
  ASSERT_TRUE(p.ok());
  int drawn = -1;
  EXPECT_TRUE(check_lesson_figures(*p.lesson, &drawn).empty());
  EXPECT_EQ(drawn, 1);

  text = "title: mixed\n";
  for (int i = 0; i < 40; ++i) {
    text += "## Step " + std::to_string(i) +
            "\nview: rope-relative\nscheme: rope\nset: d = 4096, positions = 1048576, m = " +
            std::to_string(i % 4) + "\nx\n";
  }
  // Line 1 + 5 * 40 + 1 = 202 starts step 40, which no view can draw (0.77 of 64
  // dimensions is 49, odd).
  text += "## Odd\nview: rope-relative\nscheme: rope\nset: d = 64, partial-rotary = 0.77\nx\n";
  p = parse_lesson(text, "mixed.lesson");
  ASSERT_TRUE(p.ok());
  const std::vector<LessonProblem> problems = check_lesson_figures(*p.lesson, &drawn);
  EXPECT_EQ(drawn, 5);  // four values of m, and the odd step
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 202);
  EXPECT_NE(problems[0].message.find("49 rotary dimensions"), std::string::npos)
      << problems[0].message;

  SharedParams shared;
  shared.positions = 1048576;
  reduce_for_check(shared);
  EXPECT_EQ(shared.positions, kLessonCheckPositions);
  shared.positions = 10;
  reduce_for_check(shared);
  EXPECT_EQ(shared.positions, 10);
}

// ---------------------------------------------------------------------------
// The command line

class LessonCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peviz_lesson_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  int run(const std::string& args) {
    const fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    const int status = std::system(("env -u DISPLAY " + std::string(PEVIZ_EXE) + " lesson " + args +
                                    " > " + out.string() + " 2> " + err.string())
                                       .c_str());
    stdout_ = read(out);
    stderr_ = read(err);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::path dir_;
  std::string stdout_, stderr_;
};

TEST_F(LessonCommand, ValidFilesPrintASummaryAndExitZero) {
  const fs::path a = write("a.lesson", kValid);
  const fs::path b = write("b.lesson", one_step("view: nope\nask: Q\nanswer: A\n"));
  ASSERT_EQ(run("check " + a.string() + " " + b.string()), 0) << stderr_;
  EXPECT_EQ(stdout_,
            a.string() + ": ok: 5 steps, 1 question\n" + b.string() + ": ok: 1 step, 1 question\n");
  EXPECT_EQ(stderr_, "");
}

TEST_F(LessonCommand, ProblemsAreFileLineMessageAndExitOne) {
  const fs::path good = write("good.lesson", one_step("view: nope\n"));
  const fs::path bad =
      write("bad.lesson", "title: T\n## S\nview: encodign\n## U\nview: encoding\nanswer: x\n");
  ASSERT_EQ(run("check " + good.string() + " " + bad.string()), 1);
  EXPECT_EQ(stdout_, good.string() + ": ok: 1 step, 0 questions\n");
  EXPECT_EQ(stderr_, bad.string() + ":3: unknown view 'encodign' (did you mean 'encoding'?)\n" +
                         bad.string() +
                         ":6: 'answer:' without 'ask:' (write the question first, then its "
                         "answer)\n");
  // A view that cannot draw what the file asks is caught too.
  const fs::path undrawable = write("u.lesson", one_step("view: waves\nset: dims = 0,500\n"));
  ASSERT_EQ(run("check " + undrawable.string()), 1);
  EXPECT_EQ(stderr_.rfind(undrawable.string() + ":2: step 'Step': view 'waves' cannot draw", 0), 0u)
      << stderr_;
}

TEST_F(LessonCommand, MissingFileIsAClearMessageAndExitOne) {
  const std::string missing = (dir_ / "nothing.lesson").string();
  ASSERT_EQ(run("check " + missing), 1);
  EXPECT_EQ(stderr_, missing + ": no such file\n");
  EXPECT_EQ(stdout_, "");
}

TEST_F(LessonCommand, UsageErrorsExitTwoAndHelpExitsZero) {
  EXPECT_EQ(run(""), 2);
  EXPECT_NE(stderr_.find("peviz lesson check FILE"), std::string::npos) << stderr_;
  EXPECT_EQ(run("check"), 2);
  EXPECT_NE(stderr_.find("name at least one lesson file"), std::string::npos) << stderr_;
  EXPECT_EQ(run("chekc x.lesson"), 2);
  EXPECT_NE(stderr_.find("unknown command 'chekc'"), std::string::npos) << stderr_;
  EXPECT_EQ(run("check --strict x.lesson"), 2);
  EXPECT_NE(stderr_.find("unknown option '--strict'"), std::string::npos) << stderr_;
  EXPECT_EQ(run("--help"), 0);
  EXPECT_NE(stdout_.find("peviz lesson check FILE..."), std::string::npos) << stdout_;
  EXPECT_NE(stdout_.find("Exit code: 0 all valid, 1"), std::string::npos) << stdout_;
  EXPECT_EQ(run("check --help"), 0);
  EXPECT_EQ(run("list"), 0);
  EXPECT_EQ(std::count(stdout_.begin(), stdout_.end(), '\n'),
            static_cast<long>(builtin_lessons().size()))
      << stdout_;
  EXPECT_NE(stdout_.find("01-position-problem.lesson"), std::string::npos) << stdout_;
}

TEST_F(LessonCommand, ExportWritesEveryStepOrNothing) {
  const fs::path lesson =
      write("e.lesson", one_step("view: rope-clocks\nanimate: position 0 -> 9 in 1s\n## Two\n"
                                 "view: nope\n"));
  const fs::path out = dir_ / "slides";
  ASSERT_EQ(run("export " + lesson.string() + " --out-dir " + out.string()), 0) << stderr_;
  EXPECT_TRUE(fs::is_regular_file(out / "step-01.png"));
  EXPECT_TRUE(fs::is_regular_file(out / "step-01-end.png"));
  EXPECT_TRUE(fs::is_regular_file(out / "step-02.png"));
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 3);
  for (const char* name : {"step-01.png", "step-01-end.png", "step-02.png"}) {
    EXPECT_EQ(testing_files::pngcheck(out / name), "") << name;  // a strict reader accepts it
  }
  // PNG signature, not an empty file.
  const std::string png = read(out / "step-02.png");
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  // A broken lesson: its problems, exit 1, and no folder at all.
  const fs::path bad = write("bad.lesson", one_step("view: nope\nset: d = 4\n"));
  const fs::path none = dir_ / "none";
  EXPECT_EQ(run("export " + bad.string() + " --out-dir " + none.string()), 1);
  EXPECT_NE(stderr_.find(":4: view 'nope' does not use 'd'"), std::string::npos) << stderr_;
  EXPECT_FALSE(fs::exists(none));
  EXPECT_EQ(run("export " + lesson.string()), 2);
  EXPECT_EQ(run("export " + lesson.string() + " --out-dir " + out.string() + " --format gif"), 2);
}

}  // namespace
}  // namespace peviz
