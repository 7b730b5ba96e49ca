// Writes a file all-or-nothing: the bytes go to an unnamed temporary file in the target's
// folder (O_TMPFILE), which is given its name only when everything was written, and then
// renamed over the target. A failure (unwritable folder, full disk) throws WriteError
// naming the path and the reason, and leaves neither a temporary file nor a partial target.
//
// Only regular files are written: a FIFO, a device or a socket of that name is refused
// (it is not replaced by a file). A symbolic link is followed, and the file it points to
// is replaced, so the link stays. An existing file keeps its permissions.
//
// Where the file system has no O_TMPFILE, the temporary is a hidden named file
// `.NAME.tmp-PID-XXXXXX`. A process killed between naming it and the rename leaves one
// behind; the next write into that folder removes every such file whose process is gone.
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
  std::string path_;    // as given (messages name it)
  std::string target_;  // the file replaced: path_, or where its symbolic links lead
  std::string folder_;  // target_'s folder
  std::string temp_;    // the named temporary (none while it is unnamed)
  std::FILE* file_ = nullptr;
  bool unnamed_ = false;  // O_TMPFILE: the temporary has no name until commit()
  bool committed_ = false;
};

// Removes the temporaries of AtomicFile (`.NAME.tmp-PID-XXXXXX`) in `folder` whose
// process no longer runs, and those of older versions (`.NAME.tmp-XXXXXX`) older than an
// hour. Returns how many it removed. AtomicFile calls it before each write.
int remove_stale_temporaries(const std::string& folder);

}  // namespace peviz
