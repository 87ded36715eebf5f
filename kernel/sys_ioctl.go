package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// Console geometry TIOCGWINSZ reports: the classic 80x24 terminal.
const (
	consoleRows = 24
	consoleCols = 80
)

// sysIoctl is ioctl(2) on the console (do_vfs_ioctl, then tty_ioctl):
// EBADF for a closed descriptor; FIOCLEX, FIONCLEX and FIONBIO for any
// file; TCGETS, TCSETS, TCSETSW, TCSETSF and TIOCGWINSZ for the
// terminal; anything else ENOTTY. TCSETS* record the termios and change
// nothing else: the console has no line discipline yet.
func sysIoctl(t *Task) (int64, abi.Errno) {
	a := t.args()
	fd, cmd, arg := int(int32(a[0])), uint32(a[1]), a[2]
	ent := t.files.entry(fd)
	if ent == nil {
		return 0, abi.EBADF
	}
	f := ent.f

	switch cmd {
	case abi.FIOCLEX, abi.FIONCLEX:
		ent.cloexec = cmd == abi.FIOCLEX
		return 0, 0
	case abi.FIONBIO:
		on, e := t.getU32(arg)
		if e != 0 {
			return 0, e
		}
		f.flags &^= abi.O_NONBLOCK
		if on != 0 {
			f.flags |= abi.O_NONBLOCK
		}
		return 0, 0

	case abi.TCGETS:
		return 0, t.copyOut(arg, f.termios.Encode())
	case abi.TCSETS, abi.TCSETSW, abi.TCSETSF:
		b := make([]byte, abi.TermiosSize)
		if e := t.copyIn(arg, b); e != 0 {
			return 0, e
		}
		f.termios = abi.DecodeTermios(b)
		return 0, 0

	case abi.TIOCGWINSZ:
		b := make([]byte, abi.WinsizeSize)
		binary.LittleEndian.PutUint16(b[0:], consoleRows)
		binary.LittleEndian.PutUint16(b[2:], consoleCols)
		return 0, t.copyOut(arg, b)
	}
	return 0, abi.ENOTTY
}
