// Writes a file all-or-nothing: the bytes go to a temporary file in the same
// folder, which is renamed over the target only when everything was written.
// A failure (unwritable folder, full disk) throws WriteError naming the path and
// the reason, and leaves neither the temporary file nor a partial target behind.
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>

namespace peviz {

class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless commit() succeeded
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, std::size_t size);
  void write(const std::string& text) { write(text.data(), text.size()); }
  // Flushes, closes and renames onto the target path.
  void commit();

  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void fail(const std::string& what);
  std::string path_;
  std::string temp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

}  // namespace peviz
