package kernel

import (
	"encoding/binary"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"golang.org/x/sys/unix"

	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/kernel/abi"
)

// field finds where a marker value landed in an encoded struct.
func field(b []byte, size int, v uint64) int {
	for off := 0; off+size <= len(b); off++ {
		var got uint64
		switch size {
		case 2:
			got = uint64(binary.LittleEndian.Uint16(b[off:]))
		case 4:
			got = uint64(binary.LittleEndian.Uint32(b[off:]))
		case 8:
			got = binary.LittleEndian.Uint64(b[off:])
		}
		if got == v {
			return off
		}
	}
	return -1
}

// markedStat has a distinct value in every field.
var markedStat = abi.Stat{
	Dev: 0x1111111111, Ino: 0x2222222222, Nlink: 0x33333333,
	Mode: 0x44444444, UID: 0x55555555, GID: 0x66666666,
	Rdev: 0x7777777777, Size: 0x8888888888, Blksize: 0x19999999,
	Blocks: 0xaaaaaaaaaa,
	Atime:  abi.Timespec{Sec: 0xbbbbbbbbbb, Nsec: 0x0ccccccc},
	Mtime:  abi.Timespec{Sec: 0xdddddddddd, Nsec: 0x0eeeeeee},
	Ctime:  abi.Timespec{Sec: 0xf0f0f0f0f0, Nsec: 0x01010101},
}

func TestStatLayouts(t *testing.T) {
	type off struct {
		name string
		size int
		v    uint64
		want int
	}
	s := markedStat
	tests := []struct {
		arch string
		b    []byte
		size int
		offs []off
	}{
		{"x86_64", s.EncodeAMD64(), 144, []off{
			{"st_dev", 8, s.Dev, 0}, {"st_ino", 8, s.Ino, 8},
			{"st_nlink", 8, s.Nlink, 16}, {"st_mode", 4, 0x44444444, 24},
			{"st_uid", 4, 0x55555555, 28}, {"st_gid", 4, 0x66666666, 32},
			{"st_rdev", 8, s.Rdev, 40}, {"st_size", 8, 0x8888888888, 48},
			{"st_blksize", 8, 0x19999999, 56},
			{"st_blocks", 8, 0xaaaaaaaaaa, 64},
			{"st_atime", 8, 0xbbbbbbbbbb, 72},
			{"st_atime_nsec", 8, 0x0ccccccc, 80},
			{"st_mtime", 8, 0xdddddddddd, 88},
			{"st_ctime", 8, 0xf0f0f0f0f0, 104},
			{"st_ctime_nsec", 8, 0x01010101, 112},
		}},
		{"aarch64", s.EncodeARM64(), 128, []off{
			{"st_dev", 8, s.Dev, 0}, {"st_ino", 8, s.Ino, 8},
			{"st_mode", 4, 0x44444444, 16},
			{"st_nlink", 4, 0x33333333, 20},
			{"st_uid", 4, 0x55555555, 24}, {"st_gid", 4, 0x66666666, 28},
			{"st_rdev", 8, s.Rdev, 32}, {"st_size", 8, 0x8888888888, 48},
			{"st_blksize", 4, 0x19999999, 56},
			{"st_blocks", 8, 0xaaaaaaaaaa, 64},
			{"st_atime", 8, 0xbbbbbbbbbb, 72},
			{"st_mtime_nsec", 8, 0x0eeeeeee, 96},
			{"st_ctime", 8, 0xf0f0f0f0f0, 104},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.arch, func(t *testing.T) {
			assert.Len(t, tt.b, tt.size)
			for _, o := range tt.offs {
				assert.Equal(t, o.want, field(tt.b, o.size, o.v), o.name)
			}
		})
	}
}

func TestStatxLayoutMatchesXSys(t *testing.T) {
	s := markedStat
	s.RdevMajor, s.RdevMinor = 0x12121212, 0x13131313
	s.DevMajor, s.DevMinor = 0x14141414, 0x15151515
	var x unix.Statx_t
	b := s.EncodeStatx(0x7ff)

	tests := []struct {
		name string
		size int
		v    uint64
		want uintptr
	}{
		{"stx_blksize", 4, 0x19999999, unsafe.Offsetof(x.Blksize)},
		{"stx_nlink", 4, 0x33333333, unsafe.Offsetof(x.Nlink)},
		{"stx_uid", 4, 0x55555555, unsafe.Offsetof(x.Uid)},
		{"stx_gid", 4, 0x66666666, unsafe.Offsetof(x.Gid)},
		{"stx_mode", 2, 0x4444, unsafe.Offsetof(x.Mode)},
		{"stx_ino", 8, s.Ino, unsafe.Offsetof(x.Ino)},
		{"stx_size", 8, 0x8888888888, unsafe.Offsetof(x.Size)},
		{"stx_blocks", 8, 0xaaaaaaaaaa, unsafe.Offsetof(x.Blocks)},
		{"stx_atime", 8, 0xbbbbbbbbbb, unsafe.Offsetof(x.Atime)},
		{"stx_ctime", 8, 0xf0f0f0f0f0, unsafe.Offsetof(x.Ctime)},
		{"stx_mtime", 8, 0xdddddddddd, unsafe.Offsetof(x.Mtime)},
		{"stx_rdev_major", 4, 0x12121212, unsafe.Offsetof(x.Rdev_major)},
		{"stx_rdev_minor", 4, 0x13131313, unsafe.Offsetof(x.Rdev_minor)},
		{"stx_dev_major", 4, 0x14141414, unsafe.Offsetof(x.Dev_major)},
		{"stx_dev_minor", 4, 0x15151515, unsafe.Offsetof(x.Dev_minor)},
	}
	assert.Len(t, b, abi.StatxSize)
	assert.Equal(t, uintptr(abi.StatxSize), unsafe.Sizeof(x))
	for _, tt := range tests {
		assert.Equal(t, int(tt.want), field(b, tt.size, tt.v), tt.name)
	}
}

func TestSmallStructLayouts(t *testing.T) {
	var tio unix.Termios
	var ws unix.Winsize
	var ts unix.Timespec
	var ut unix.Utsname
	var ss unix.Sigset_t

	// x/sys's Termios adds the glibc speed fields after the kernel's.
	assert.Equal(t, uintptr(abi.TermiosSize), unsafe.Offsetof(tio.Ispeed))
	assert.Equal(t, uintptr(17), unsafe.Offsetof(tio.Cc))
	assert.Equal(t, uintptr(abi.WinsizeSize), unsafe.Sizeof(ws))
	assert.Equal(t, uintptr(abi.TimespecSize), unsafe.Sizeof(ts))
	assert.Equal(t, uintptr(abi.UtsnameSize), unsafe.Sizeof(ut))
	assert.Equal(t, 24, abi.StackSize, "stack_t: sp, flags+pad, size")
	assert.Equal(t, 128, int(unsafe.Sizeof(ss)), "libc's sigset_t; the "+
		"kernel's is 8 bytes")
}

func TestSigactionLayout(t *testing.T) {
	a := abi.Sigaction{Handler: 1, Flags: 2, Restorer: 3, Mask: 4}
	b := a.Encode()

	assert.Equal(t, abi.SigactionSize, len(b))
	for i, v := range []uint64{1, 2, 3, 4} {
		assert.Equal(t, v, binary.LittleEndian.Uint64(b[8*i:]))
	}
	assert.Equal(t, a, abi.DecodeSigaction(b))
}

func TestMakedev(t *testing.T) {
	assert.Equal(t, uint64(unix.Mkdev(5, 1)), abi.Makedev(5, 1))
	assert.Equal(t, uint64(unix.Mkdev(136, 0)), abi.Makedev(136, 0))
	assert.Equal(t, uint64(unix.Mkdev(0x1234, 0x56789)),
		abi.Makedev(0x1234, 0x56789))
}

// TestARM64RegsMatchUserPtRegs holds arm64.Regs against struct
// user_pt_regs (arch/arm64/include/uapi/asm/ptrace.h). x/sys only builds
// its PtraceRegsArm64 for arm and arm64 hosts, so the offsets are written
// out.
func TestARM64RegsMatchUserPtRegs(t *testing.T) {
	var r arm64.Regs

	assert.Equal(t, uintptr(0), unsafe.Offsetof(r.X))
	assert.Equal(t, uintptr(248), unsafe.Offsetof(r.SP))
	assert.Equal(t, uintptr(256), unsafe.Offsetof(r.PC))
	assert.Equal(t, uintptr(264), unsafe.Offsetof(r.Pstate))
	assert.Equal(t, 272, arm64.RegsSize)
	assert.Equal(t, uintptr(arm64.RegsSize), unsafe.Offsetof(r.OrigX0))
}
