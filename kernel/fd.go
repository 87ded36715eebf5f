package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// File descriptors (Linux's struct files_struct and struct file). There
// is no file system yet: the only open file is the console, which a task
// starts with on descriptors 0, 1 and 2 as init gets /dev/console
// (console_on_rootfs), opened O_RDWR.

// file is an open file description, shared by the descriptors dup made
// of it (struct file). Only the console exists.
type file struct {
	// flags are the status flags F_GETFL reports: O_RDWR plus what
	// F_SETFL may change (O_APPEND, O_NONBLOCK).
	flags uint32
	// termios is the terminal state TCGETS reports and TCSETS* set.
	termios abi.Termios
}

// fdEntry is one descriptor slot: the file and its FD_CLOEXEC flag.
type fdEntry struct {
	f       *file
	cloexec bool
}

// fdTable is a task's descriptor table. The zero value is a table with
// the console on 0, 1 and 2, made on first use.
type fdTable struct {
	ready bool
	fds   []fdEntry
}

// init opens the console on 0, 1 and 2, once.
func (ft *fdTable) init() {
	if ft.ready {
		return
	}
	ft.ready = true

	con := &file{flags: abi.O_RDWR, termios: abi.DefaultTermios}
	ft.fds = []fdEntry{{f: con}, {f: con}, {f: con}}
}

// get returns the file open on fd (fdget): EBADF if none.
func (ft *fdTable) get(fd int) (*file, abi.Errno) {
	ft.init()
	if fd < 0 || fd >= len(ft.fds) || ft.fds[fd].f == nil {
		return nil, abi.EBADF
	}
	return ft.fds[fd].f, 0
}

// entry returns fd's slot, or nil if fd is not open.
func (ft *fdTable) entry(fd int) *fdEntry {
	if _, e := ft.get(fd); e != 0 {
		return nil
	}
	return &ft.fds[fd]
}

// alloc installs f on the lowest free descriptor >= from and below
// limit (RLIMIT_NOFILE): EMFILE when there is none (alloc_fd).
func (ft *fdTable) alloc(f *file, from, limit int, cloexec bool) (int,
	abi.Errno) {
	ft.init()
	for fd := from; fd < limit; fd++ {
		if fd >= len(ft.fds) || ft.fds[fd].f == nil {
			ft.install(fd, f, cloexec)
			return fd, 0
		}
	}
	return -1, abi.EMFILE
}

// install puts f on fd, replacing what was there (do_dup2).
func (ft *fdTable) install(fd int, f *file, cloexec bool) {
	ft.init()
	for fd >= len(ft.fds) {
		ft.fds = append(ft.fds, fdEntry{})
	}
	ft.fds[fd] = fdEntry{f: f, cloexec: cloexec}
}

// close empties fd's slot (close_fd): EBADF if it was empty.
func (ft *fdTable) close(fd int) abi.Errno {
	if _, e := ft.get(fd); e != 0 {
		return e
	}
	ft.fds[fd] = fdEntry{}
	return 0
}
