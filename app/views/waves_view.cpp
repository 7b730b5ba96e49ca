#include "waves_view.hpp"

namespace peviz {

FigureBuilder WavesView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "Waves";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
