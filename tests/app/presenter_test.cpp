// The presenter view (app/window/presenter_window.hpp): what it shows, built from the
// lesson player's state without GL (the current step's title, notes and answer, the next
// step, the timer, live fields filled or "…"); and the window itself under Xvfb: opened
// next to a hidden main window, it draws its text, leaves the main window's GL and ImGui
// contexts current, and closes cleanly.
#include "app/window/presenter_window.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "app/lesson/lesson.hpp"

namespace peviz {
namespace {

const char* const kLesson =
    "title: The causal mask\n"
    "## Without the mask\n"
    "view: playground\n"
    "scheme: nope\n"
    "set: mask = none, text = dog bites man, second = man bites dog\n"
    "notes: Ask who thinks the outputs differ.\n"
    "  Wait for hands.\n"
    "The outputs differ by rounding only.\n"
    "ask: Do they differ?\n"
    "answer: Only by {{value:largest_output_difference:.2g}}.\n"
    "## With the mask\n"
    "view: playground\n"
    "set: mask = causal\n"
    "Now they differ by {{value:largest_output_difference}}.\n"
    "- The first word sees itself.\n"
    "ask: By how much?\n"
    "answer: A lot.\n";

Lesson lesson() {
  const LessonParse p = parse_lesson(kLesson, "p.lesson");
  EXPECT_TRUE(p.ok()) << (p.problems.empty() ? "" : p.problems[0].message);
  return p.ok() ? *p.lesson : Lesson{};
}

TEST(PresenterContent, CurrentStepNotesAnswerNextStepAndTimer) {
  const Lesson l = lesson();
  ASSERT_EQ(l.steps.size(), 2u);
  // Before the figure is built: live fields are "…", never a number of another step.
  PresenterContent c = presenter_content(&l, 0, 0, 1, false, nullptr, 65.4);
  EXPECT_EQ(c.lesson, "The causal mask");
  EXPECT_EQ(c.position, "step 1 of 2");
  EXPECT_EQ(c.title, "Without the mask");
  EXPECT_EQ(c.notes,
            std::vector<std::string>{"Ask who thinks the outputs differ. Wait for hands."});
  EXPECT_EQ(c.question, "Do they differ?");
  EXPECT_EQ(c.answer, "Only by ….");  // the answer is there before the reveal
  EXPECT_FALSE(c.revealed);
  EXPECT_EQ(c.next_title, "With the mask");
  EXPECT_EQ(c.next_text,
            "Now they differ by ….\n• The first word sees itself.\nPredict: By how much?");
  EXPECT_EQ(c.timer, "1:05");
  // With the step's figure: the answer's field is filled.
  const plot::Figure figure = step_figure(l.steps[0], {480, 300, {}});
  c = presenter_content(&l, 0, 1, 3, true, &figure, 3725.0);
  EXPECT_EQ(c.answer, "Only by 7.8e-16.");
  EXPECT_TRUE(c.revealed);
  EXPECT_EQ(c.position, "step 1 of 2  ·  page 2 of 3");
  EXPECT_EQ(c.timer, "1:02:05");
  // The last step has no next one; no lesson shows only the timer.
  c = presenter_content(&l, 1, 0, 1, false, nullptr, 0.0);
  EXPECT_EQ(c.next_title, "");
  EXPECT_TRUE(c.notes.empty());
  c = presenter_content(nullptr, 0, 0, 1, false, nullptr, -3.0);
  EXPECT_EQ(c.title, "");
  EXPECT_EQ(c.timer, "0:00");
  // The notes are the teacher's: never part of the step's text the projector shows.
  for (const TextBlock& b : l.steps[0].text)
    EXPECT_EQ(plain_text(b.spans).find("hands"), std::string::npos);
}

// Pixels of the captured frame that differ clearly from its background (its commonest
// colour).
long ink(const PresenterWindow& w) {
  const std::vector<std::uint8_t>& p = w.captured();
  if (p.size() < 4) return 0;
  std::map<std::uint32_t, long> colours;
  for (std::size_t i = 0; i + 3 < p.size(); i += 4)
    ++colours[(std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2]];
  std::uint32_t bg = 0;
  long most = -1;
  for (const auto& [c, n] : colours) {
    if (n > most) {
      most = n;
      bg = c;
    }
  }
  const int r = static_cast<int>(bg >> 16), g = static_cast<int>((bg >> 8) & 0xFF),
            b = static_cast<int>(bg & 0xFF);
  long n = 0;
  for (std::size_t i = 0; i + 3 < p.size(); i += 4) {
    if (std::abs(p[i] - r) + std::abs(p[i + 1] - g) + std::abs(p[i + 2] - b) > 120) ++n;
  }
  // PEVIZ_PRESENTER_DUMP=FILE.ppm keeps the first frame looked at, to see it.
  if (const char* dump = std::getenv("PEVIZ_PRESENTER_DUMP");
      dump != nullptr && !std::filesystem::exists(dump)) {
    FILE* f = std::fopen(dump, "wb");
    std::fprintf(f, "P6 %d %d 255\n", w.captured_width(), w.captured_height());
    for (std::size_t i = 0; i + 3 < p.size(); i += 4) std::fwrite(&p[i], 1, 3, f);
    std::fclose(f);
  }
  return n;
}

TEST(PresenterWindow, DrawsItsTextNextToAHiddenMainWindowAndRestoresTheContexts) {
  ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "run under xvfb-run (ctest does)";
  ASSERT_EQ(glfwInit(), GLFW_TRUE);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* main = glfwCreateWindow(320, 200, "main", nullptr, nullptr);
  ASSERT_NE(main, nullptr);
  glfwMakeContextCurrent(main);
  ImGuiContext* main_imgui = ImGui::CreateContext();
  ImGui::SetCurrentContext(main_imgui);
  {
    PresenterWindow presenter;
    // One virtual screen: no other monitor.
    EXPECT_EQ(PresenterWindow::other_monitor(main), nullptr);
    ASSERT_TRUE(presenter.open(main, nullptr));
    EXPECT_TRUE(presenter.is_open());
    EXPECT_EQ(glfwGetCurrentContext(), main);
    EXPECT_EQ(ImGui::GetCurrentContext(), main_imgui);
    presenter.set_capture(true);

    const Lesson l = lesson();
    const PresenterContent full = presenter_content(&l, 0, 0, 1, false, nullptr, 12.0);
    // ImGui lays out a window in its first frame: look at the third.
    for (int i = 0; i < 3; ++i) presenter.frame(full);
    EXPECT_EQ(glfwGetCurrentContext(), main);
    EXPECT_EQ(ImGui::GetCurrentContext(), main_imgui);
    ASSERT_GT(presenter.captured_width(), 100);
    ASSERT_GT(presenter.captured_height(), 100);
    const long with_text = ink(presenter);
    EXPECT_GT(with_text, 500) << "the presenter view draws its text";
    // Less to say, less ink: the text drawn is the content's.
    PresenterContent less;
    less.timer = "0:00";
    for (int i = 0; i < 2; ++i) presenter.frame(less);
    const long little = ink(presenter);
    EXPECT_LT(little * 2, with_text) << little << " vs " << with_text;
    EXPECT_GT(presenter.elapsed(), 0.0);

    presenter.close();
    EXPECT_FALSE(presenter.is_open());
    EXPECT_FALSE(presenter.dismissed());
    EXPECT_EQ(glfwGetCurrentContext(), main);
    EXPECT_EQ(ImGui::GetCurrentContext(), main_imgui);
    // Open again (F5 twice), and let the destructor close it.
    ASSERT_TRUE(presenter.open(main, nullptr));
    presenter.frame(full);
  }
  EXPECT_EQ(glfwGetCurrentContext(), main);
  EXPECT_EQ(ImGui::GetCurrentContext(), main_imgui);
  ImGui::DestroyContext(main_imgui);
  glfwDestroyWindow(main);
  glfwTerminate();
}

}  // namespace
}  // namespace peviz
