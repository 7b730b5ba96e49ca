#include "nope_view.hpp"

namespace peviz {

FigureBuilder NopeView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "NoPE: the causal mask";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
