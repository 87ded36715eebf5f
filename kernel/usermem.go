package kernel

import (
	"bytes"
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Checked access to user memory for the syscall handlers: every pointer
// a task passes goes through its address space, and any failure is
// EFAULT (copy_from_user, copy_to_user, strncpy_from_user).

// copyIn reads len(dst) bytes at addr.
func (t *Task) copyIn(addr uint64, dst []byte) abi.Errno {
	if err := t.MM.CopyIn(addr, dst); err != nil {
		return abi.EFAULT
	}
	return 0
}

// copyOut writes src at addr.
func (t *Task) copyOut(addr uint64, src []byte) abi.Errno {
	if err := t.MM.CopyOut(addr, src); err != nil {
		return abi.EFAULT
	}
	return 0
}

// putU32 writes a 32-bit word (put_user).
func (t *Task) putU32(addr uint64, v uint32) abi.Errno {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], v)
	return t.copyOut(addr, b[:])
}

// putU64 writes a 64-bit word (put_user).
func (t *Task) putU64(addr uint64, v uint64) abi.Errno {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	return t.copyOut(addr, b[:])
}

// getU32 reads a 32-bit word (get_user).
func (t *Task) getU32(addr uint64) (uint32, abi.Errno) {
	var b [4]byte
	if e := t.copyIn(addr, b[:]); e != 0 {
		return 0, e
	}
	return binary.LittleEndian.Uint32(b[:]), 0
}

// copyInString reads a NUL-terminated string of at most max bytes (NUL
// excluded) at addr, a page at a time so that a string ending just
// before an unmapped page reads fine. long reports that no NUL came
// within max bytes; the first max bytes are returned then.
func (t *Task) copyInString(addr uint64, max int) (s string, long bool,
	e abi.Errno) {
	var out []byte
	for len(out) < max {
		n := abi.PageSize - int(addr%abi.PageSize)
		n = min(n, max-len(out))

		buf := make([]byte, n)
		if e := t.copyIn(addr, buf); e != 0 {
			return "", false, e
		}
		if i := bytes.IndexByte(buf, 0); i >= 0 {
			return string(append(out, buf[:i]...)), false, 0
		}

		out = append(out, buf...)
		addr += uint64(n)
	}
	return string(out), true, 0
}

// copyInPath reads a path argument (getname): EFAULT if unreadable,
// ENAMETOOLONG from PATH_MAX on. An empty path is returned as is; the
// caller decides between ENOENT and AT_EMPTY_PATH.
func (t *Task) copyInPath(addr uint64) (string, abi.Errno) {
	p, long, e := t.copyInString(addr, abi.PATH_MAX)
	if e != 0 {
		return "", e
	}
	if long {
		return "", abi.ENAMETOOLONG
	}
	return p, 0
}

// ioChunk bounds the kernel buffer of one step of a large transfer.
const ioChunk = 16 * abi.PageSize

// gather reads n bytes of user memory at addr and hands them to sink in
// pieces of at most ioChunk bytes, stopping at the first page that
// faults. It returns the bytes handed over, or EFAULT if the first page
// already faulted: the partial-transfer rule of write(2).
func (t *Task) gather(addr, n uint64, sink func([]byte)) (uint64,
	abi.Errno) {
	var done uint64
	buf := make([]byte, 0, min(n, ioChunk))
	for done+uint64(len(buf)) < n {
		at := addr + done + uint64(len(buf))
		c := min(abi.PageSize-at%abi.PageSize, n-done-uint64(len(buf)),
			uint64(cap(buf)-len(buf)))

		page := buf[len(buf) : len(buf)+int(c)]
		if t.copyIn(at, page) != 0 {
			break
		}
		buf = buf[:len(buf)+int(c)]

		if len(buf) == cap(buf) {
			sink(buf)
			done += uint64(len(buf))
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		sink(buf)
		done += uint64(len(buf))
	}

	if done == 0 && n > 0 {
		return 0, abi.EFAULT
	}
	return done, 0
}

// scatter writes src to user memory at addr a page at a time, stopping
// at the first page that faults. It returns the bytes written, or EFAULT
// if the first page already faulted.
func (t *Task) scatter(addr uint64, src []byte) (uint64, abi.Errno) {
	var done uint64
	for done < uint64(len(src)) {
		c := min(abi.PageSize-(addr+done)%abi.PageSize,
			uint64(len(src))-done)
		if t.copyOut(addr+done, src[done:done+c]) != 0 {
			break
		}
		done += c
	}
	if done == 0 && len(src) > 0 {
		return 0, abi.EFAULT
	}
	return done, 0
}
