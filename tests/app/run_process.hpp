// Runs a program as a child process with a time limit and a memory cap, and reports
// how it ended: exit code or signal, what it printed on stderr, its peak memory and
// its time. The tests of the command line use it for every run that could hang or
// grow without bound (huge pictures, the random sweep), so that a defect fails one
// test instead of taking the machine down.
//
// The memory cap is RLIMIT_AS in a normal build. Under AddressSanitizer, whose shadow
// memory reserves terabytes of address space, it is ASan's own hard_rss_limit_mb.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace peviz::testing_process {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderAsan = true;
#else
inline constexpr bool kUnderAsan = false;
#endif

struct Limits {
  double seconds = 60.0;         // killed with SIGKILL after this long
  long memory_mb = 4096;         // address space (or RSS under ASan) cap
  std::string stdin_text;        // written to the child's standard input, then closed
  std::vector<std::string> env;  // "NAME=value" added to (or replacing) the environment
};

struct Outcome {
  int exit_code = -1;  // when the process exited
  int signal = 0;      // when a signal ended it (SIGKILL after the time limit)
  bool timed_out = false;
  std::string err;  // standard error
  std::string out;  // standard output
  long max_rss_kb = 0;
  double seconds = 0.0;
  bool exited(int code) const { return signal == 0 && exit_code == code; }
};

inline std::string describe(const Outcome& o) {
  if (o.timed_out) return "timed out after " + std::to_string(o.seconds) + " s";
  if (o.signal != 0) return "killed by signal " + std::to_string(o.signal);
  return "exit " + std::to_string(o.exit_code);
}

namespace detail {
inline void drain(int fd, std::string& into) {
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      into.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return;
  }
}
}  // namespace detail

// argv[0] is the program's path. The child's DISPLAY is left as the test's.
inline Outcome run(const std::vector<std::string>& argv, const Limits& limits = {}) {
  Outcome o;
  int err_pipe[2], out_pipe[2], in_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(in_pipe, O_CLOEXEC) != 0) {
    o.err = "pipe failed";
    return o;
  }
  // Everything the child needs is made before fork(): after it, only exec.
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  const auto set_env = [&](const std::string& entry) {
    const std::string key = entry.substr(0, entry.find('=') + 1);
    for (std::string& e : env) {
      if (e.rfind(key, 0) == 0) {
        e = entry;
        return;
      }
    }
    env.push_back(entry);
  };
  if (kUnderAsan) {
    const char* asan = std::getenv("ASAN_OPTIONS");
    set_env("ASAN_OPTIONS=hard_rss_limit_mb=" + std::to_string(limits.memory_mb) +
            (asan != nullptr ? ":" + std::string(asan) : ""));
  }
  for (const std::string& e : limits.env) set_env(e);
  std::vector<char*> envp, args;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const rlim_t bytes = static_cast<rlim_t>(limits.memory_mb) << 20;
  const rlimit cap{bytes, bytes};

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    ::setpgid(0, 0);
    if (!kUnderAsan) ::setrlimit(RLIMIT_AS, &cap);
    ::execve(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  std::thread feeder([&] {
    std::size_t done = 0;
    while (done < limits.stdin_text.size()) {
      const ssize_t n =
          ::write(in_pipe[1], limits.stdin_text.data() + done, limits.stdin_text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(in_pipe[1]);
  });
  std::thread err_reader([&] { detail::drain(err_pipe[0], o.err); });
  std::thread out_reader([&] { detail::drain(out_pipe[0], o.out); });
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
    if (r == pid) break;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > limits.seconds && !o.timed_out) {
      o.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  feeder.join();
  err_reader.join();
  out_reader.join();
  ::close(err_pipe[0]);
  ::close(out_pipe[0]);
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) o.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
  return o;
}

// Runs a shell-free command line of a tool we did not write (pngcheck, rsvg-convert) and
// returns its exit code, with its output in `output`.
inline int tool(const std::vector<std::string>& argv, std::string* output = nullptr,
                double seconds = 120.0) {
  const Outcome o = run(argv, {seconds, 8192, {}, {}});
  if (output != nullptr) *output = o.out + o.err;
  return o.signal != 0 ? 128 + o.signal : o.exit_code;
}

}  // namespace peviz::testing_process
