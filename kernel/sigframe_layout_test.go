package kernel

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// layoutCase is one field of a frame: its marker and where Linux's
// headers put it.
type layoutCase struct {
	name string
	size int
	v    uint64
	want int
}

func checkLayout(t *testing.T, b []byte, cases []layoutCase) {
	t.Helper()
	for _, c := range cases {
		assert.Equal(t, c.want, field(b, c.size, c.v), c.name)
	}
}

// mark returns a distinct 8-byte marker.
func mark(n uint64) uint64 { return 0x5ec0000000000000 | n<<8 | n }

func TestRtSigframeLayoutAMD64(t *testing.T) {
	sc := abi.SigcontextAMD64{
		R8: mark(1), R9: mark(2), R10: mark(3), R11: mark(4),
		R12: mark(5), R13: mark(6), R14: mark(7), R15: mark(8),
		DI: mark(9), SI: mark(10), BP: mark(11), BX: mark(12),
		DX: mark(13), AX: mark(14), CX: mark(15), SP: mark(16),
		IP: mark(17), Flags: mark(18),
		CS: 0xc501, GS: 0xc502, FS: 0xc503, SS: 0xc504,
		Err: mark(19), Trapno: mark(20), Oldmask: mark(21),
		CR2: mark(22), Fpstate: mark(23),
	}
	sc.Reserved1[0] = mark(24)
	f := abi.RtSigframeAMD64{Pretcode: mark(30), Uc: abi.UcontextAMD64{
		Flags: mark(31), Link: mark(32),
		Stack:    abi.StackT{SP: mark(33), Flags: 0x5a5a0001, Size: mark(34)},
		Mcontext: sc, Sigmask: mark(35),
	}}
	binary.LittleEndian.PutUint64(f.Info[:], mark(36))
	var frame [abi.RtSigframeSizeAMD64]byte
	f.Encode(&frame)
	b := frame[:]

	// struct rt_sigframe: pretcode 0, uc 8, info 312. In struct
	// ucontext: uc_stack 16, uc_mcontext 40, uc_sigmask 296.
	const uc, mc = 8, 8 + 40
	checkLayout(t, b, []layoutCase{
		{"pretcode", 8, mark(30), 0},
		{"uc_flags", 8, mark(31), uc + 0},
		{"uc_link", 8, mark(32), uc + 8},
		{"uc_stack.ss_sp", 8, mark(33), uc + 16},
		{"uc_stack.ss_flags", 4, 0x5a5a0001, uc + 24},
		{"uc_stack.ss_size", 8, mark(34), uc + 32},
		{"r8", 8, mark(1), mc + 0}, {"r9", 8, mark(2), mc + 8},
		{"r10", 8, mark(3), mc + 16}, {"r11", 8, mark(4), mc + 24},
		{"r12", 8, mark(5), mc + 32}, {"r13", 8, mark(6), mc + 40},
		{"r14", 8, mark(7), mc + 48}, {"r15", 8, mark(8), mc + 56},
		{"di", 8, mark(9), mc + 64}, {"si", 8, mark(10), mc + 72},
		{"bp", 8, mark(11), mc + 80}, {"bx", 8, mark(12), mc + 88},
		{"dx", 8, mark(13), mc + 96}, {"ax", 8, mark(14), mc + 104},
		{"cx", 8, mark(15), mc + 112}, {"sp", 8, mark(16), mc + 120},
		{"ip", 8, mark(17), mc + 128}, {"flags", 8, mark(18), mc + 136},
		{"cs", 2, 0xc501, mc + 144}, {"gs", 2, 0xc502, mc + 146},
		{"fs", 2, 0xc503, mc + 148}, {"ss", 2, 0xc504, mc + 150},
		{"err", 8, mark(19), mc + 152}, {"trapno", 8, mark(20), mc + 160},
		{"oldmask", 8, mark(21), mc + 168}, {"cr2", 8, mark(22), mc + 176},
		{"fpstate", 8, mark(23), mc + 184},
		{"reserved1", 8, mark(24), mc + 192},
		{"uc_sigmask", 8, mark(35), uc + 296},
		{"info", 8, mark(36), 312},
	})
	assert.Equal(t, uc, abi.FrameUcAMD64)
	assert.Equal(t, 312, abi.FrameInfoAMD64)
	assert.Equal(t, f, abi.DecodeRtSigframeAMD64(b), "round trip")
}

func TestRtSigframeLayoutARM64(t *testing.T) {
	sc := abi.SigcontextRegsARM64{FaultAddress: mark(1), SP: mark(2),
		PC: mark(3), Pstate: mark(4)}
	sc.Regs[0], sc.Regs[29], sc.Regs[30] = mark(5), mark(6), mark(7)
	f := abi.RtSigframeARM64{Uc: abi.UcontextARM64{
		UcontextHeadARM64: abi.UcontextHeadARM64{
			Flags: mark(10), Link: mark(11),
			Stack: abi.StackT{SP: mark(12), Flags: 0x5a5a0002,
				Size: mark(13)},
			Sigmask: mark(14), Mcontext: sc,
		},
	}}
	binary.LittleEndian.PutUint64(f.Uc.Reserved[:], mark(8))
	binary.LittleEndian.PutUint64(f.Uc.Reserved[4088:], mark(9))
	binary.LittleEndian.PutUint64(f.Info[:], mark(15))
	var frame [abi.RtSigframeSizeARM64]byte
	f.Encode(&frame)
	b := frame[:]

	// struct rt_sigframe: info 0, uc 128. In struct ucontext:
	// uc_stack 16, uc_sigmask 40, uc_mcontext 176 (16-aligned). In
	// struct sigcontext: regs 8, sp 256, pc 264, pstate 272,
	// __reserved 288 (16-aligned), 4096 bytes.
	const uc, mc = 128, 128 + 176
	checkLayout(t, b, []layoutCase{
		{"info", 8, mark(15), 0},
		{"uc_flags", 8, mark(10), uc + 0},
		{"uc_link", 8, mark(11), uc + 8},
		{"uc_stack.ss_sp", 8, mark(12), uc + 16},
		{"uc_stack.ss_flags", 4, 0x5a5a0002, uc + 24},
		{"uc_stack.ss_size", 8, mark(13), uc + 32},
		{"uc_sigmask", 8, mark(14), uc + 40},
		{"fault_address", 8, mark(1), mc + 0},
		{"regs[0]", 8, mark(5), mc + 8},
		{"regs[29]", 8, mark(6), mc + 8 + 29*8},
		{"regs[30]", 8, mark(7), mc + 8 + 30*8},
		{"sp", 8, mark(2), mc + 256}, {"pc", 8, mark(3), mc + 264},
		{"pstate", 8, mark(4), mc + 272},
		{"__reserved", 8, mark(8), mc + 288},
		{"end of __reserved", 8, mark(9), mc + 288 + 4088},
	})
	assert.Equal(t, uc, abi.FrameUcARM64)
	assert.Equal(t, mc+288, abi.FrameReservedARM64)
	assert.Equal(t, mc+288-uc, abi.UcontextHeadSizeARM64)
	assert.Equal(t, f, abi.DecodeRtSigframeARM64(b), "round trip")
}

func TestFrameStructsHaveTheCSizes(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want int
	}{
		{"x86-64 struct sigcontext", abi.SigcontextAMD64{}, 256},
		{"x86-64 struct ucontext", abi.UcontextAMD64{}, 304},
		{"x86-64 struct rt_sigframe", abi.RtSigframeAMD64{}, 440},
		{"arm64 struct sigcontext up to __reserved",
			abi.SigcontextRegsARM64{}, 288},
		{"arm64 struct ucontext up to __reserved",
			abi.UcontextHeadARM64{}, 464},
		{"arm64 struct ucontext", abi.UcontextARM64{}, 4560},
		{"arm64 struct rt_sigframe", abi.RtSigframeARM64{}, 4688},
		{"stack_t", abi.StackT{}, 24},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, binary.Size(tt.v), tt.name)
	}
}

func TestSiginfoLayouts(t *testing.T) {
	tests := []struct {
		name      string
		sig       abi.Signal
		code      int
		wantPid   uint32
		wantAddr  uint64
		wantCode  uint32
		wantSigno uint32
	}{
		{"kill: si_pid and si_uid", abi.SIGUSR1, abi.SI_USER, 7, 0,
			0, 10},
		{"tkill: _rt layout, pid first", abi.SIGUSR2, abi.SI_TKILL, 7, 0,
			0xfffffffa, 12},
		{"kernel: pid 0", abi.SIGALRM, abi.SI_KERNEL, 0, 0, 0x80, 14},
		{"fault: si_addr", abi.SIGSEGV, abi.SEGV_MAPERR, 0, 0xdead000,
			1, 11},
		{"forced SIGSEGV is not a fault layout", abi.SIGSEGV,
			abi.SI_KERNEL, 0, 0, 0x80, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pid := 0
			if tt.wantPid != 0 {
				pid = int(tt.wantPid)
			}
			var b [abi.SiginfoSize]byte
			for i := range b {
				b[i] = 0xa5 // every byte is written
			}
			si := abi.Siginfo{Signo: tt.sig, Code: tt.code, Pid: pid,
				Addr: 0xdead000}
			si.Encode(&b)
			le := binary.LittleEndian

			assert.Equal(t, make([]byte, 104), b[24:],
				"the rest of the union")
			assert.Equal(t, tt.wantSigno, le.Uint32(b[0:]), "si_signo")
			assert.Zero(t, le.Uint32(b[4:]), "si_errno")
			assert.Equal(t, tt.wantCode, le.Uint32(b[8:]), "si_code")
			if tt.wantAddr != 0 {
				assert.Equal(t, tt.wantAddr, le.Uint64(b[16:]))
			} else {
				assert.Equal(t, tt.wantPid, le.Uint32(b[16:]), "si_pid")
				assert.Zero(t, le.Uint32(b[20:]), "si_uid")
			}
		})
	}
}
