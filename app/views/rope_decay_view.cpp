#include "rope_decay_view.hpp"

namespace peviz {

FigureBuilder RopeDecayView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "RoPE long-term decay";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
