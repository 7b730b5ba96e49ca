// The explorer's main area: the active view's figure (built on the worker, drawn by its
// widget), or comparing, the merged figure of the panels; the Export button, progress and
// the hover readout.
#include <imgui.h>

#include <algorithm>

#include "app/compare/compare.hpp"
#include "app/plot/backend/imgui_canvas.hpp"
#include "app/plot/visible_range.hpp"
#include "explorer.hpp"

namespace peviz {

void Explorer::main_area(const Fonts& fonts, const plot::Style& style, ImVec2 pos, ImVec2 size) {
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                                 ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg,
                        ImVec4(style.background.r, style.background.g, style.background.b, 1));
  ImGui::Begin("view", nullptr, fixed);
  if (compare_) {
    compare_area(fonts, style);
    ImGui::End();
    ImGui::PopStyleColor();
    return;
  }
  // The Export button has a strip of its own above the figure (over the figure it ran
  // into long titles at larger text).
  const ImVec2 strip_origin = ImGui::GetCursorScreenPos();
  const float strip = export_strip_height();
  ImGui::SetCursorScreenPos(ImVec2(strip_origin.x, strip_origin.y + strip));
  ImVec2 avail = ImGui::GetContentRegionAvail();
  ViewState& state = states_[current()];
  keep_scene_zoom();
  plot::FigureRequest request = state.widget.request(static_cast<int>(avail.x / text_scale(style)),
                                                     static_cast<int>(avail.y / text_scale(style)));
  add_scene_zoom(request);
  figure_width_ = request.width;
  figure_height_ = request.height;
  const std::string key = key_of(state_, request);
  // Build when the parameters or the request changed, and also when this view's last
  // build was dropped because another view was asked for before it finished.
  const bool in_flight = ticket_view_ == current() && ticket_key_ == key;
  if (key != state.key || (state.built_key != key && !in_flight)) {
    state.key = key;
    ticket_ = worker_.submit(with_scene_zoom(state_.builder(request)));
    ticket_view_ = current();
    ticket_key_ = key;
  }
  if (std::optional<FigureResult> done = worker_.take();
      done && done->ticket == ticket_ && ticket_view_ >= 0) {
    ViewState& target = states_[ticket_view_];
    target.error = done->error;
    target.seconds = done->seconds;
    target.built_key = ticket_key_;
    if (done->error.empty()) target.figure = std::move(done->figure);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (state.figure) {
    state.widget.draw(*state.figure, avail, style, fonts.body, fonts.title, cursor_);
    // A double click resets the zoom: a scene's windows too.
    if (state.widget.hover().active && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
      scene_zoom_.clear();
  }
  const float button_w = export_button(strip_origin, avail);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (!state.error.empty()) {
    const std::string msg = "Cannot draw this: " + state.error;
    draw->AddRectFilled(ImVec2(origin.x, origin.y + avail.y - 40),
                        ImVec2(origin.x + avail.x, origin.y + avail.y),
                        IM_COL32(255, 236, 230, 255));
    draw->AddText(ImVec2(origin.x + 12, origin.y + avail.y - 32), IM_COL32(150, 30, 0, 255),
                  msg.c_str());
  }
  if (worker_.busy()) {
    const float p = static_cast<float>(worker_.progress());
    const float right = origin.x + avail.x - button_w - 24;  // left of the Export button
    const ImVec2 a(right - 250, strip_origin.y + 6), b(right, strip_origin.y + 30);
    draw->AddRectFilled(a, b, IM_COL32(240, 242, 246, 255), 4.0f);
    draw->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * p, b.y), IM_COL32(86, 180, 233, 255), 4.0f);
    const std::string t = "computing… " + std::to_string(static_cast<int>(p * 100)) + "%";
    draw->AddText(ImVec2(a.x + 10, a.y + 2), IM_COL32(20, 20, 26, 255), t.c_str());
  }
  readout_.clear();
  const plot::HoverState& hover = state.widget.hover();
  if (hover.active && state.figure && hover.panel < static_cast<int>(state.figure->panels.size())) {
    readout_ = plot::readout_lines(state.figure->panels[hover.panel], hover.x, hover.y);
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

void Explorer::compare_area(const Fonts& fonts, const plot::Style& style) {
  const ImVec2 strip_origin = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(strip_origin.x, strip_origin.y + export_strip_height()));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const int n = compare_count();
  const bool stacked = panels_[0].figure && compare::wants_stacking(*panels_[0].figure);
  const std::vector<compare::Cell> cells = compare::grid(n, stacked);
  if (stacked != stacked_) {
    stacked_ = stacked;
    merged_dirty_ = true;
  }
  // The merged figure's body lies under its title and subtitle, above its note (as in
  // layout_figure); each cell starts with a header of about four lines of text.
  const float fs = style.font_size;
  const float body_h = std::max(100.0f, avail.y - 3.6f * fs - 1.4f * fs);
  const float cell_h = (cells[0].bottom - cells[0].top) * body_h;
  const float header_fraction = std::min(0.35f, 4.0f * fs / std::max(1.0f, cell_h));
  keep_scene_zoom();
  plot::FigureRequest merged_request =
      compare_widget_.request(static_cast<int>(avail.x), static_cast<int>(avail.y));
  add_scene_zoom(merged_request);
  figure_width_ = static_cast<int>(avail.x / text_scale(style));
  figure_height_ = static_cast<int>(avail.y / text_scale(style));
  if (!scene_zoom_.empty() && merged_zoom_ != scene_zoom_) merged_dirty_ = true;

  // Each panel builds on its own worker when its parameters or its windows change.
  for (int i = 0; i < n; ++i) {
    ComparePanel& p = panels_[i];
    const compare::Cell& c = cells[i];
    const plot::FigureRequest request = compare::part_request(
        merged_request, i, static_cast<int>((c.right - c.left) * avail.x / text_scale(style)),
        static_cast<int>((c.bottom - c.top) * body_h * (1.0f - header_fraction) /
                         text_scale(style)));
    if (i > 0) compare::link_model(panels_[0].state, p.state);
    const std::string key = key_of(p.state, request);
    if (key != p.key) {
      p.key = key;
      p.request = request;
      p.ticket = p.worker->submit(p.state.builder(request));
      p.pending = true;
    }
    if (std::optional<FigureResult> done = p.worker->take(); done && done->ticket == p.ticket) {
      p.pending = false;
      p.error = done->error;
      if (done->error.empty()) p.figure = std::move(done->figure);
      merged_dirty_ = true;
    }
  }

  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (merged_dirty_ || merged_size_.x != avail.x || merged_size_.y != avail.y) {
    std::vector<std::vector<compare::Setting>> values;
    for (ComparePanel& p : panels_) values.push_back(p.state.used_values());
    const compare::Differences diff = compare::differences(values);
    std::vector<compare::Part> parts;
    for (int i = 0; i < n; ++i) {
      const ComparePanel& p = panels_[i];
      compare::Part part;
      part.figure = p.figure ? &*p.figure : nullptr;
      part.header =
          std::string(1, compare::letter(i)) + "  ·  " +
          (diff.per_panel[i].empty() ? std::string("the same parameters") : diff.per_panel[i]);
      part.placeholder = "computing…";
      parts.push_back(std::move(part));
    }
    merged_ = compare::merge(parts, cells, header_fraction, diff.common, style.muted);
    // A scene's windows are the axes' ranges (the parts were built at them).
    merged_zoom_ = scene_zoom_;
    if (!scene_zoom_.empty()) {
      plot::FigureRequest windows;
      windows.windows = scene_zoom_;
      plot::show_windows(merged_, windows);
    }
    // Line up the plot edges of each panel's x-linked panels (measured, then moved).
    plot::ImGuiCanvas canvas(draw, fonts.body, fonts.title, measure_cache_);
    const plot::Rect area{origin.x, origin.y, origin.x + avail.x, origin.y + avail.y};
    merged_layout_ = plot::layout_figure(merged_, area, style, canvas, merged_request);
    compare::align_linked(merged_, merged_layout_, avail.x);
    merged_layout_ = plot::layout_figure(merged_, area, style, canvas, merged_request);
    merged_dirty_ = false;
    merged_size_ = avail;
  }
  // A header zoomed or dragged by the wheel keeps its line in place.
  for (plot::Panel& p : merged_.panels) {
    if (compare::split_id(p.id).second != "#header" || p.texts.empty()) continue;
    const plot::DataWindow* w = merged_request.window(p.id);
    p.texts[0].x = w != nullptr ? std::min(w->x_lo, w->x_hi) : 0.0;
    p.texts[0].y = w != nullptr ? (w->y_lo + w->y_hi) / 2 : 0.5;
  }
  compare_widget_.draw(merged_, avail, style, fonts.body, fonts.title, cursor_);
  if (compare_widget_.hover().active && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
    scene_zoom_.clear();
  const float button_w = export_button(strip_origin, avail);

  const std::string failure = error();
  if (!failure.empty()) {
    const std::string msg = "Cannot draw " + failure;
    draw->AddRectFilled(ImVec2(origin.x, origin.y + avail.y - 40),
                        ImVec2(origin.x + avail.x, origin.y + avail.y),
                        IM_COL32(255, 236, 230, 255));
    draw->AddText(ImVec2(origin.x + 12, origin.y + avail.y - 32), IM_COL32(150, 30, 0, 255),
                  msg.c_str());
  }
  double progress = 0.0;
  int busy = 0;
  for (const ComparePanel& p : panels_) {
    if (p.worker->busy()) {
      progress += p.worker->progress();
      ++busy;
    }
  }
  if (busy > 0) {
    const float f = static_cast<float>(progress / busy);
    const float right = origin.x + avail.x - button_w - 24;  // left of the Export button
    const ImVec2 a(right - 250, origin.y + 6), b(right, origin.y + 30);
    draw->AddRectFilled(a, b, IM_COL32(240, 242, 246, 255), 4.0f);
    draw->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * f, b.y), IM_COL32(86, 180, 233, 255), 4.0f);
    const std::string t = "computing " + std::to_string(busy) + " panel" + (busy > 1 ? "s" : "") +
                          "… " + std::to_string(static_cast<int>(f * 100)) + "%";
    draw->AddText(ImVec2(a.x + 10, a.y + 2), IM_COL32(20, 20, 26, 255), t.c_str());
  }
  readout_.clear();
  const plot::HoverState& hover = compare_widget_.hover();
  if (hover.active && hover.panel < static_cast<int>(merged_.panels.size())) {
    const plot::Panel& p = merged_.panels[hover.panel];
    const auto [part, own] = compare::split_id(p.id);
    if (part >= 0 && own != "#header") {
      readout_ = plot::readout_lines(p, hover.x, hover.y);
      if (!readout_.empty())
        readout_.insert(readout_.begin(), std::string("Panel ") + compare::letter(part) + ":");
    }
  }
}

// The Export button at the top right of the main area, over the figure (the
// figures leave that corner free: titles start at the left). A child window, so
// that it is drawn over the figure and takes the mouse from it. Returns its width
// (0 when hidden).
float Explorer::export_strip_height() const {
  return export_shown_ ? ImGui::GetFrameHeight() + 8.0f : 0.0f;
}

float Explorer::export_button(ImVec2 origin, ImVec2 avail) {
  if (!export_shown_) return 0.0f;
  const char* label = "Export…";  // "Export..."
  const ImGuiStyle& st = ImGui::GetStyle();
  const ImVec2 text = ImGui::CalcTextSize(label);
  const ImVec2 size(text.x + 2 * st.FramePadding.x, text.y + 2 * st.FramePadding.y);
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(origin.x + avail.x - size.x - 10, origin.y + 4));
  ImGui::BeginChild("##export", size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                        ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::Button(label, size)) request_export();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(compare_ ? "Save the comparison as PNG, SVG or CSV  (Ctrl+E)"
                               : "Save this view as PNG, SVG or CSV  (Ctrl+E)");
  }
  ImGui::EndChild();
  ImGui::SetCursorScreenPos(cursor);
  return size.x;
}

}  // namespace peviz
