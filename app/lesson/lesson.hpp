// Lessons are data: a small text format that teachers write by hand (docs/lessons.md),
// parsed into steps that each name a view, the parameters to set, an optional
// animation, an optional question with its answer, and a short formatted text.
//
//   title: Sinusoidal encoding, step by step
//   ## The formula
//   view: encoding
//   set: d = 16, positions = 20
//   animate: base 10 -> 100000 in 8s log
//   ask: What happens to the slow columns?
//   answer: They stretch: ...
//   Text: paragraphs, "- " list items, **bold**, *italic*.
//
// parse_lesson validates everything a window would need by applying it to a State
// (app/state), as the command line does: the view exists, every parameter is set by
// name with the same refusals, the view shows the scheme and uses the parameter.
// Parameters not set by a step keep the previous step's values (the
// first step starts from the defaults, never from the user's settings; after a step
// with an animation, its parameter is at the animation's end), so each step carries
// its complete, resolved parameters: showing step k needs no other step.
// It never throws on bad input: it returns every problem with its line number.
//
// This header is the public side. The parser's passes are lesson_reader (lines),
// lesson_resolve (steps applied to a State, animations) and lesson_markup (text spans);
// the drawing check is lesson_check.cpp; lesson_file watches a lesson file for saves.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/views/shared_params.hpp"
#include "app/views/view.hpp"

namespace peviz {

class State;

// A run of text with one style. **bold** and *italic* may nest.
// A live field ({{value:NAME}} or {{value:NAME:FORMAT}}) is a span of its own: `field`
// names the figure's value (plot::Figure::values) it shows, `format` how (".3g"; "" for
// the default), and `text` keeps the markup as written. fill_fields puts the number in.
// A literal ({{=TEXT}}) is plain text in its span: only the check tells it apart.
struct TextSpan {
  std::string text;
  bool bold = false;
  bool italic = false;
  std::string field;   // a live field's value name; "" for text
  std::string format;  // a live field's format
  bool operator==(const TextSpan&) const = default;
};

// A number quoted in a step's text, question or answer (outside live fields and
// literals), which the check requires the step's figure to show (docs/lessons.md).
struct QuotedNumber {
  std::string text;  // as written: "0.337", "7.8e-16"
  double value = 0.0;
  double tolerance = 0.0;  // half a unit of its last digit: 0.0005 for 0.337
  int line = 0;
};

// A live field used in a step's text, question or answer.
struct FieldUse {
  std::string name;
  int line = 0;
};

// A paragraph (consecutive text lines, joined by spaces) or a "- " list item.
struct TextBlock {
  enum class Kind { Paragraph, ListItem };
  Kind kind = Kind::Paragraph;
  std::vector<TextSpan> spans;
  int line = 0;  // the block's first line
};

// "animate: position 0 -> 200 in 5s [log]": the parameter moves from `from` to `to`
// over `seconds`, linearly or (log) geometrically; then stays at `to`.
struct Animation {
  int line = 0;
  std::string param;    // the parameter's command-line name
  bool shared = false;  // a SharedParams field (else the view's own)
  double from = 0.0;
  double to = 0.0;
  double seconds = 1.0;
  bool log = false;      // geometric interpolation (from and to > 0)
  bool integer = false;  // an int field: values are rounded
  bool even = false;     // an even int field (d): values are rounded to even

  // The value at `t` seconds from the start (t <= 0: from; t >= seconds: to).
  double value_at(double t) const;
  // The same as text that ParamSetter accepts ("37", "316.22776601683796").
  std::string text_at(double t) const;
};

struct Question {
  std::vector<TextSpan> ask;     // shown with the step
  std::vector<TextSpan> answer;  // shown on reveal
  int ask_line = 0;
  int answer_line = 0;
};

struct LessonStep {
  int line = 0;  // the "## " line
  std::string title;
  std::string view;  // the view's command-line name ("encoding")
  Scheme scheme = Scheme::Sinusoidal;
  // This step's own settings in file order: (name, value) with the line they are on.
  struct Setting {
    std::string name, value;
    int line = 0;
  };
  std::vector<Setting> settings;
  // Every parameter the step shows, fully resolved (the defaults, then every step's
  // settings up to this one, earlier animations at their end, this step's animated
  // parameter at its start), as text that ParamSetter accepts: every SharedParams
  // field, and every field of the view.
  std::vector<std::pair<std::string, std::string>> shared;
  std::vector<std::pair<std::string, std::string>> view_params;
  std::optional<Animation> animation;
  std::optional<Question> question;
  std::vector<TextBlock> text;
  // "notes:" lines, for the teacher's eyes only (the presenter view); never projected.
  std::vector<std::string> notes;
  // The numbers the text, question and answer quote, and the live fields they use, for
  // the check (check_lesson_figures).
  std::vector<QuotedNumber> quoted;
  std::vector<FieldUse> fields;
};

struct Lesson {
  std::string file;  // as given to parse_lesson (for messages and titles)
  std::string title;
  std::string about;  // one line for the first screen; may be empty
  std::vector<LessonStep> steps;
  int questions() const;
};

struct LessonProblem {
  int line = 0;  // 1-based; 0 when the problem is the whole file (unreadable)
  std::string message;
};

struct LessonParse {
  std::optional<Lesson> lesson;         // set when there are no problems
  std::vector<LessonProblem> problems;  // in line order
  // With problems: the lesson made of the steps that parsed without one, so that their
  // figures can be checked too (check_lesson_figures) and every problem of the file is
  // reported at once.
  Lesson sound_steps;
  bool ok() const { return lesson.has_value(); }
};

// Every problem of a parse and of its figures' check (on the steps that parsed), in line
// order: what `peviz lesson check` reports.
std::vector<LessonProblem> all_problems(const LessonParse& parsed);

// Limits of the format: a lesson is a short hand-written text.
inline constexpr std::size_t kLessonMaxBytes = 1 << 20;
inline constexpr std::size_t kLessonMaxLineBytes = 4000;
inline constexpr double kLessonMaxSeconds = 600.0;
inline constexpr int kLessonMaxProblems = 50;

// Parses and validates a lesson. Never throws on bad input.
LessonParse parse_lesson(std::string_view text, const std::string& file_name);
// Reads `path` and parses it; an unreadable or missing file is one problem at line 0.
LessonParse load_lesson(const std::filesystem::path& path);

// Makes the step's view active and sets the step's resolved parameters on it and on the
// shared ones. Throws InvalidArgument only for a view `state` does not have.
void apply_step(const LessonStep& step, State& state);
// The same on a SharedParams and a view of the step's kind (the same fields, by name,
// with ParamSetter). Throws InvalidArgument only if the view is not the step's view.
void apply_step(const LessonStep& step, SharedParams& shared, View& view);

// The Figure a step shows (with its animated parameter at the animation's end when
// `animation_end`), built headless as the window builds it. Throws what the view
// throws (InvalidArgument for parameters it cannot draw).
plot::Figure step_figure(const LessonStep& step, const plot::FigureRequest& request,
                         bool animation_end = false);

// Builds the Figure of every step (at its animation's start and end too), headless,
// as the window would, and reports the steps whose view refuses its parameters (a
// "scalings" or "dims" list it cannot read, dims beyond d). Each distinct step is drawn
// once, at kLessonCheckWidth x kLessonCheckHeight and at most kLessonCheckPositions
// positions (reduce_for_check), so that a long lesson of huge steps is checked in
// seconds; `drawn` (if given) receives how many figures were built. Slower than
// parsing: for `peviz lesson check` and tests, not for every reload.
// It also reports, on their lines, the numbers a step's text, question and answer quote
// (LessonStep::quoted) that its figure does not show (figure_numbers, number_shown; the
// step's parameters count as shown), and live fields naming a value the figure does not
// state. For those, a step with quotes or fields is drawn once more at its real
// parameters (not reduced), so that the numbers are those a class sees.
inline constexpr int kLessonCheckWidth = 480;
inline constexpr int kLessonCheckHeight = 300;
inline constexpr int kLessonCheckPositions = 1024;
void reduce_for_check(SharedParams& shared);
std::vector<LessonProblem> check_lesson_figures(const Lesson& lesson, int* drawn = nullptr);

// Live fields and quoted numbers (docs/lessons.md, "Numbers that stay true").
// The numbers in `text` the check holds to the figure: digit runs with an optional
// fraction and exponent ("7.8e-16"), signs ignored; not a number glued to a letter
// ("fp16", "32k", "GPT-2"), nor a whole number from 0 to kLessonFreeInteger.
inline constexpr int kLessonFreeInteger = 12;
std::vector<QuotedNumber> quoted_numbers(std::string_view text, int line);
// Every unsigned number in `text` (for what a figure or a parameter shows).
std::vector<double> numbers_in(std::string_view text);
// A live field's format: "" (the default), or ".Ng" (N significant digits), ".Nf" (N
// decimals), ".Ne" (scientific), N from 0 to 17.
bool valid_field_format(std::string_view format);
// `value` in `format`; the default is 3 significant digits, and a number from 1000 to
// 10⁷ is given whole (47117, not 4.71e+04). A negative number gets the sign "−".
std::string format_field(double value, std::string_view format);
// A figure's value by name, if it states it.
std::optional<double> figure_value(const plot::Figure& figure, std::string_view name);
// The spans with every live field filled from `figure`: its number, or "…" while there is
// no figure yet (nullptr), or "?" for a value the figure does not state.
std::vector<TextSpan> fill_fields(const std::vector<TextSpan>& spans, const plot::Figure* figure);
std::vector<TextBlock> fill_fields(const std::vector<TextBlock>& blocks,
                                   const plot::Figure* figure);
// Every number a figure shows: its title, subtitle, note, warnings and message, its panels'
// titles, axis labels and categories, texts, legend and line labels, printed cells, and its
// values; all unsigned.
std::vector<double> figure_numbers(const plot::Figure& figure);
// `quoted` rounds to one of `shown` (0.337 matches 0.33712: |x − 0.337| <= 0.0005).
bool number_shown(const QuotedNumber& quoted, const std::vector<double>& shown);

// "FILE:LINE: message" (or "FILE: message" for line 0).
std::string format_problem(const std::string& file, const LessonProblem& problem);
// "7 steps, 2 questions".
std::string lesson_summary(const Lesson& lesson);

// The built-in course: assets/lessons/ of the source tree, its *.lesson files sorted
// by name (the names start with the lesson's number).
std::filesystem::path builtin_lesson_dir();
std::vector<std::filesystem::path> builtin_lessons();

}  // namespace peviz
