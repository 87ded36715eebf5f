package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Reads and writes. Every open file is the console: writes go to
// Kernel.Console, reads see end of file at once (there is no input path
// yet), and the console cannot seek.

// sysWrite is write(2) (ksys_write): EBADF for a closed descriptor, the
// count clamped to MAX_RW_COUNT, and a buffer fault after some bytes
// returns those bytes, before any bytes EFAULT.
func sysWrite(t *Task) (int64, abi.Errno) {
	a := t.args()
	if _, e := t.files.get(int(int32(a[0]))); e != 0 {
		return 0, e
	}
	n, e := t.consoleWrite(a[1], min(a[2], abi.MAX_RW_COUNT))
	return int64(n), e
}

// consoleWrite copies n bytes at addr to the console.
func (t *Task) consoleWrite(addr, n uint64) (uint64, abi.Errno) {
	return t.gather(addr, n, func(b []byte) { t.k.Console.Write(b) })
}

// sysRead is read(2): EBADF for a closed descriptor, else end of file.
func sysRead(t *Task) (int64, abi.Errno) {
	a := t.args()
	_, e := t.files.get(int(int32(a[0])))
	return 0, e
}

// iovec is one struct iovec.
type iovec struct{ base, len uint64 }

// readIovecs is import_iovec: EBADF is the caller's, then more than
// IOV_MAX entries → EINVAL, the array unreadable → EFAULT, a negative
// length → EINVAL; lengths past MAX_RW_COUNT in total are cut.
func (t *Task) readIovecs(addr, cnt uint64) ([]iovec, abi.Errno) {
	if cnt > abi.IOV_MAX {
		return nil, abi.EINVAL
	}
	b := make([]byte, cnt*abi.IovecSize)
	if e := t.copyIn(addr, b); e != 0 {
		return nil, e
	}

	iov := make([]iovec, cnt)
	var total uint64
	for i := range iov {
		v := iovec{binary.LittleEndian.Uint64(b[16*i:]),
			binary.LittleEndian.Uint64(b[16*i+8:])}
		if int64(v.len) < 0 {
			return nil, abi.EINVAL
		}
		v.len = min(v.len, abi.MAX_RW_COUNT-total)
		total += v.len
		iov[i] = v
	}
	return iov, 0
}

// sysWritev is writev(2): the segments go out in order; a fault stops
// the write with the bytes written so far, or EFAULT if there were none.
func sysWritev(t *Task) (int64, abi.Errno) {
	a := t.args()
	if _, e := t.files.get(int(int32(a[0]))); e != 0 {
		return 0, e
	}
	iov, e := t.readIovecs(a[1], a[2])
	if e != 0 {
		return 0, e
	}

	var done uint64
	for _, v := range iov {
		n, e := t.consoleWrite(v.base, v.len)
		done += n
		if e != 0 || n < v.len {
			break
		}
	}

	if done == 0 && totalLen(iov) > 0 {
		return 0, abi.EFAULT
	}
	return int64(done), 0
}

func totalLen(iov []iovec) uint64 {
	var n uint64
	for _, v := range iov {
		n += v.len
	}
	return n
}

// sysReadv is readv(2): the vector is checked as for writev, then end of
// file.
func sysReadv(t *Task) (int64, abi.Errno) {
	a := t.args()
	if _, e := t.files.get(int(int32(a[0]))); e != 0 {
		return 0, e
	}
	_, e := t.readIovecs(a[1], a[2])
	return 0, e
}

// sysPread64 is pread64(2): a negative offset is EINVAL, checked before
// the descriptor; the console has no position, ESPIPE.
func sysPread64(t *Task) (int64, abi.Errno) {
	a := t.args()
	if int64(a[3]) < 0 {
		return 0, abi.EINVAL
	}
	if _, e := t.files.get(int(int32(a[0]))); e != 0 {
		return 0, e
	}
	return 0, abi.ESPIPE
}

// sysPwrite64 is pwrite64(2), answered as pread64.
func sysPwrite64(t *Task) (int64, abi.Errno) {
	return sysPread64(t)
}

// sysLseek is lseek(2): EBADF, then a whence beyond SEEK_MAX is EINVAL,
// then the console cannot seek, ESPIPE.
func sysLseek(t *Task) (int64, abi.Errno) {
	a := t.args()
	if _, e := t.files.get(int(int32(a[0]))); e != 0 {
		return 0, e
	}
	if uint32(a[2]) > abi.SEEK_MAX {
		return 0, abi.EINVAL
	}
	return 0, abi.ESPIPE
}
