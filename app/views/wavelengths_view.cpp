#include "wavelengths_view.hpp"

namespace peviz {

FigureBuilder WavelengthsView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "Wavelengths";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
