#include "long_context_view.hpp"

namespace peviz {

FigureBuilder LongContextView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "Long context";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
