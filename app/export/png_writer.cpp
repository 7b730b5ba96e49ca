#include "png_writer.hpp"

#include <stb_image_write.h>

#include "atomic_file.hpp"

namespace peviz {
namespace {

struct Sink {
  AtomicFile* file;
  std::string error;
};

void write_chunk(void* context, void* data, int size) {
  auto* sink = static_cast<Sink*>(context);
  if (!sink->error.empty()) return;
  try {
    sink->file->write(data, static_cast<std::size_t>(size));
  } catch (const WriteError& e) {
    sink->error = e.what();
  }
}

}  // namespace

void write_png(const std::string& path, int width, int height,
               const std::vector<std::uint8_t>& rgba) {
  if (width < 1 || height < 1 || rgba.size() != static_cast<std::size_t>(width) * height * 4) {
    throw WriteError("cannot write '" + path + "': bad image size");
  }
  AtomicFile file(path);
  Sink sink{&file, {}};
  const int ok =
      stbi_write_png_to_func(write_chunk, &sink, width, height, 4, rgba.data(), width * 4);
  if (!sink.error.empty()) throw WriteError(sink.error);
  if (ok == 0) throw WriteError("cannot write '" + path + "': PNG encoding failed");
  file.commit();
}

}  // namespace peviz
