package abi

import "encoding/binary"

// Terminal ioctls (include/uapi/asm-generic/ioctls.h; x86_64 and arm64
// share them).
const (
	TCGETS     = 0x5401
	TCSETS     = 0x5402
	TCSETSW    = 0x5403
	TCSETSF    = 0x5404
	TIOCGWINSZ = 0x5413
)

// TermiosSize is sizeof(struct termios) as TCGETS copies it
// (asm-generic/termbits.h): four u32 flag words, c_line and c_cc[19].
const (
	TermiosSize = 36
	NCCS        = 19
)

// Termios is the kernel's struct termios.
type Termios struct {
	Iflag, Oflag, Cflag, Lflag uint32
	Line                       uint8
	CC                         [NCCS]uint8
}

// DefaultTermios is tty_std_termios (drivers/tty/tty_io.c): cooked mode
// with echo, ICRNL|IXON in, OPOST|ONLCR out, B38400 CS8 CREAD HUPCL, and
// INIT_C_CC's control characters (^C ^\ DEL ^U ^D, VMIN 1, ^Q ^S ^Z ^R
// ^O ^W ^V).
var DefaultTermios = Termios{
	Iflag: 0o400 | 0o2000,
	Oflag: 0o1 | 0o4,
	Cflag: 0o17 | 0o60 | 0o200 | 0o2000,
	Lflag: 0o1 | 0o2 | 0o10 | 0o20 | 0o40 | 0o1000 | 0o4000 | 0o100000,
	CC: [NCCS]uint8{
		3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12,
		0xf, 0x17, 0x16, 0,
	},
}

// Encode returns t as a struct termios.
func (t *Termios) Encode() []byte {
	b := make([]byte, TermiosSize)
	le := binary.LittleEndian
	le.PutUint32(b[0:], t.Iflag)
	le.PutUint32(b[4:], t.Oflag)
	le.PutUint32(b[8:], t.Cflag)
	le.PutUint32(b[12:], t.Lflag)
	b[16] = t.Line
	copy(b[17:], t.CC[:])
	return b
}

// DecodeTermios reads a struct termios.
func DecodeTermios(b []byte) Termios {
	le := binary.LittleEndian
	t := Termios{
		Iflag: le.Uint32(b[0:]), Oflag: le.Uint32(b[4:]),
		Cflag: le.Uint32(b[8:]), Lflag: le.Uint32(b[12:]), Line: b[16],
	}
	copy(t.CC[:], b[17:])
	return t
}

// WinsizeSize is sizeof(struct winsize): rows, cols, xpixel, ypixel (u16).
const WinsizeSize = 8

// Generic descriptor ioctls, handled before the device's
// (include/uapi/asm-generic/ioctls.h, fs/ioctl.c).
const (
	FIONCLEX = 0x5450
	FIOCLEX  = 0x5451
	FIONBIO  = 0x5421
)
