#include "video_pipe.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "app/export/atomic_file.hpp"
#include "core/validate.hpp"

namespace peviz {

namespace fs = std::filesystem;

std::string find_program(const std::string& program) {
  const auto runnable = [](const std::string& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
  };
  if (program.find('/') != std::string::npos) return runnable(program) ? program : "";
  const char* env = std::getenv("PATH");
  // execvp's default when PATH is unset (glibc: confstr _CS_PATH).
  const std::string path = env != nullptr ? env : "/bin:/usr/bin";
  std::size_t start = 0;
  for (;;) {
    const std::size_t colon = path.find(':', start);
    std::string dir =
        path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (dir.empty()) dir = ".";  // an empty PATH entry is the current folder (POSIX)
    const std::string candidate = dir + "/" + program;
    if (runnable(candidate)) return candidate;
    if (colon == std::string::npos) return "";
    start = colon + 1;
  }
}

struct VideoPipe::Impl {
  std::string path;                   // as given (messages)
  std::string target;                 // the file replaced (symbolic links followed)
  std::string temp;                   // ffmpeg's output until the rename
  int width = 0, height = 0;          // the frames given
  int out_width = 0, out_height = 0;  // even
  pid_t pid = -1;
  int input = -1;  // ffmpeg's standard input
  std::thread reader;
  std::string log;  // ffmpeg's standard error (read by `reader`)
  std::vector<std::uint8_t> padded;

  // The last non-empty line ffmpeg wrote on its standard error.
  std::string last_line() const {
    std::size_t end = log.find_last_not_of(" \t\r\n");
    if (end == std::string::npos) return "ffmpeg said nothing";
    const std::size_t begin = log.find_last_of("\r\n", end);
    return log.substr(begin == std::string::npos ? 0 : begin + 1,
                      end + 1 - (begin == std::string::npos ? 0 : begin + 1));
  }

  // Closes ffmpeg's input and waits for it; returns its wait status.
  int stop(bool kill_it) {
    if (input >= 0) {
      ::close(input);
      input = -1;
    }
    int status = 0;
    if (pid > 0) {
      if (kill_it) ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      pid = -1;
    }
    if (reader.joinable()) reader.join();
    return status;
  }

  // Kills and reaps ffmpeg and removes the temporary file, also when the constructor threw
  // after fork() (VideoPipe's destructor does not run then).
  ~Impl() {
    stop(true);
    if (!temp.empty()) ::unlink(temp.c_str());
  }

  [[noreturn]] void failed(int status) {
    std::string how;
    if (WIFEXITED(status)) {
      how = "exit " + std::to_string(WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
      how = "signal " + std::to_string(WTERMSIG(status));
    }
    throw WriteError("ffmpeg could not write '" + path + "' (" + how + "): " + last_line());
  }
};

VideoPipe::VideoPipe(const std::string& path, int width, int height, double fps)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.width = width;
  m.height = height;
  m.out_width = width + (width & 1);
  m.out_height = height + (height & 1);
  const std::string ffmpeg = find_program("ffmpeg");
  if (ffmpeg.empty()) throw InvalidArgument(kNoFfmpeg);

  // The file replaced: the target of a symbolic link, as AtomicFile does.
  std::error_code ec;
  fs::path target = path;
  if (fs::is_symlink(target, ec)) {
    const fs::path resolved = fs::weakly_canonical(target, ec);
    if (!ec) target = resolved;
  }
  const fs::file_status status = fs::status(target, ec);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    throw WriteError("cannot write '" + path + "': it exists and is not a regular file");
  }
  m.target = target.string();
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string name = (folder / ("." + target.filename().string() + ".tmp-" +
                                std::to_string(::getpid()) + "-XXXXXX"))
                         .string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw WriteError("cannot write '" + path + "': " + std::strerror(errno));
  }
  m.temp = name;
  // The new file's permissions: the old file's, else 0666 less the umask (as a new file).
  struct stat old {};
  mode_t mode = 0;
  if (::stat(m.target.c_str(), &old) == 0) {
    mode = old.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, mode);
  ::close(fd);

  // Everything the child needs is made before fork(): after it, only dup2 and exec. The
  // output is a "file:" URL, so that a folder named "clips:v1" or "-out" is not read as a
  // protocol or an option (ffmpeg's protocols documentation, "file").
  char size[48], rate[48];
  std::snprintf(size, sizeof size, "%dx%d", m.out_width, m.out_height);
  std::snprintf(rate, sizeof rate, "%.17g", fps);
  std::vector<std::string> args = {
      ffmpeg,      "-y",        "-hide_banner",
      "-loglevel", "error",     "-f",
      "rawvideo",  "-pix_fmt",  "rgba",
      "-s",        size,        "-r",
      rate,        "-i",        "-",
      "-c:v",      "libx264",   "-pix_fmt",
      "yuv420p",   "-movflags", "+faststart",
      "-f",        "mp4",       "file:" + fs::absolute(m.temp).string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int in[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0) {
    ::unlink(m.temp.c_str());
    throw WriteError(std::string("cannot start ffmpeg: ") + std::strerror(errno));
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(in[0]);
    ::close(in[1]);
    ::unlink(m.temp.c_str());
    throw WriteError(std::string("cannot start ffmpeg: ") + std::strerror(errno));
  }
  const char* null_device = "/dev/null";
  m.pid = ::fork();
  if (m.pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(err[1], 2);
    const int out = ::open(null_device, O_WRONLY);
    if (out >= 0) ::dup2(out, 1);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  const int fork_errno = errno;
  ::close(in[0]);
  ::close(err[1]);
  if (m.pid < 0) {
    ::close(in[1]);
    ::close(err[0]);
    ::unlink(m.temp.c_str());
    throw WriteError(std::string("cannot start ffmpeg: ") + std::strerror(fork_errno));
  }
  m.input = in[1];
  const int err_fd = err[0];
  // Should the thread not start, ~Impl kills ffmpeg (its input closes) and removes the
  // temporary; the read end of its standard error is closed here.
  struct CloseUnlessStarted {
    int fd;
    bool started = false;
    ~CloseUnlessStarted() {
      if (!started) ::close(fd);
    }
  } guard{err_fd};
  m.reader = std::thread([&m, err_fd] {
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(err_fd, buf, sizeof buf);
      if (n > 0) {
        m.log.append(buf, static_cast<std::size_t>(n));
        if (m.log.size() > (1u << 20)) m.log.erase(0, m.log.size() - (1u << 19));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    ::close(err_fd);
  });
  guard.started = true;
}

VideoPipe::~VideoPipe() = default;

int VideoPipe::width() const {
  return impl_->out_width;
}
int VideoPipe::height() const {
  return impl_->out_height;
}

void VideoPipe::add_frame(const std::uint8_t* rgba) {
  Impl& m = *impl_;
  const std::uint8_t* data = rgba;
  if (m.out_width != m.width || m.out_height != m.height) {
    // Odd sizes: the last column and the last row are repeated once.
    const std::size_t in_row = static_cast<std::size_t>(m.width) * 4;
    const std::size_t out_row = static_cast<std::size_t>(m.out_width) * 4;
    m.padded.resize(out_row * static_cast<std::size_t>(m.out_height));
    for (int y = 0; y < m.out_height; ++y) {
      const std::uint8_t* src = rgba + static_cast<std::size_t>(std::min(y, m.height - 1)) * in_row;
      std::uint8_t* dst = m.padded.data() + static_cast<std::size_t>(y) * out_row;
      std::memcpy(dst, src, in_row);
      if (m.out_width != m.width) std::memcpy(dst + in_row, src + in_row - 4, 4);
    }
    data = m.padded.data();
  }
  std::size_t left = static_cast<std::size_t>(m.out_width) * m.out_height * 4;
  // A write into the pipe of an ffmpeg that stopped raises SIGPIPE, which would end the
  // program: it is blocked on this thread, the write fails with EPIPE, and the pending
  // signal is taken before it is unblocked.
  sigset_t pipe_signal, previous;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
  bool broken = false;
  while (left > 0) {
    const ssize_t n = ::write(m.input, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      broken = true;
      break;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (broken) {
    const timespec zero{0, 0};
    while (sigtimedwait(&pipe_signal, nullptr, &zero) > 0) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (broken) m.failed(m.stop(false));
}

void VideoPipe::finish() {
  Impl& m = *impl_;
  const int status = m.stop(false);
  if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) m.failed(status);
  std::error_code ec;
  fs::rename(m.temp, m.target, ec);
  if (ec) throw WriteError("cannot write '" + m.path + "': " + ec.message());
  m.temp.clear();
}

}  // namespace peviz
