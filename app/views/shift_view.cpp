#include "shift_view.hpp"

namespace peviz {

FigureBuilder ShiftView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "Shift matrix";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
