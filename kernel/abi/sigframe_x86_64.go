package abi

import "encoding/binary"

// The x86-64 rt signal frame (arch/x86/include/asm/sigframe.h,
// uapi/asm/sigcontext.h, uapi/asm/ucontext.h). From the handler's stack
// pointer up: the return address (sa_restorer), struct ucontext, struct
// siginfo; the FP state lies above, 64-byte aligned, and
// uc_mcontext.fpstate points at it. The structs list the C fields in
// order (binary.Size of each is the C size); Encode and the decoder lay
// them out by hand, signal delivery being a hot path.

// SigcontextAMD64 is struct sigcontext (sigcontext_64), 256 bytes.
type SigcontextAMD64 struct {
	R8, R9, R10, R11, R12, R13, R14, R15 uint64
	DI, SI, BP, BX, DX, AX, CX, SP, IP   uint64
	Flags                                uint64
	CS, GS, FS, SS                       uint16
	Err, Trapno, Oldmask, CR2            uint64
	// Fpstate is the user address of the FP save area, 0 for none.
	Fpstate   uint64
	Reserved1 [8]uint64
}

// UcontextAMD64 is x86's struct ucontext, 304 bytes: the kernel's
// sigset_t is 8 bytes and comes last.
type UcontextAMD64 struct {
	Flags, Link uint64
	Stack       StackT
	Mcontext    SigcontextAMD64
	Sigmask     uint64
}

// RtSigframeAMD64 is struct rt_sigframe (64-bit), 440 bytes.
type RtSigframeAMD64 struct {
	// Pretcode is where the handler's ret goes: sa_restorer.
	Pretcode uint64
	Uc       UcontextAMD64
	Info     [SiginfoSize]byte
}

// Sizes and offsets of the x86-64 frame.
const (
	RtSigframeSizeAMD64 = 440
	FrameUcAMD64        = 8   // offsetof(struct rt_sigframe, uc)
	FrameInfoAMD64      = 312 // offsetof(struct rt_sigframe, info)
	UcontextSizeAMD64   = FrameInfoAMD64 - FrameUcAMD64

	// FXSaveSize is the FXSAVE image (struct fxregs_state); its bytes
	// 464-511 are sw_reserved, where an XSAVE frame keeps
	// fpx_sw_bytes.
	FXSaveSize       = 512
	FXSwReservedOff  = 464
	FXMXCSROff       = 24
	FXMXCSRMaskOff   = 28
	FXFrameAlignment = 64

	// RedZoneAMD64 is the part of the stack below sp that leaf code
	// may use; frames skip it.
	RedZoneAMD64 = 128
)

// Encode lays out the frame in b, every byte.
func (f *RtSigframeAMD64) Encode(b *[RtSigframeSizeAMD64]byte) {
	binary.LittleEndian.PutUint64(b[:], f.Pretcode)
	f.Uc.put(b[FrameUcAMD64:])
	copy(b[FrameInfoAMD64:], f.Info[:])
}

// Decode reads the frame from b.
func (f *RtSigframeAMD64) Decode(b *[RtSigframeSizeAMD64]byte) {
	f.Pretcode = binary.LittleEndian.Uint64(b[:])
	f.Uc.get(b[FrameUcAMD64:])
	copy(f.Info[:], b[FrameInfoAMD64:])
}

// DecodeRtSigframeAMD64 reads a frame of RtSigframeSizeAMD64 bytes.
func DecodeRtSigframeAMD64(b []byte) RtSigframeAMD64 {
	var f RtSigframeAMD64
	f.Decode((*[RtSigframeSizeAMD64]byte)(b))
	return f
}

// Offsets in x86's struct ucontext.
const (
	ucStack       = 16
	ucMcontextX86 = 40
	ucSigmaskX86  = 296
)

// sigcontextSizeAMD64 is sizeof(struct sigcontext); __reserved1 starts
// at 192.
const (
	sigcontextSizeAMD64 = 256
	scReserved1         = 192
)

func (uc *UcontextAMD64) put(b []byte) {
	le := binary.LittleEndian
	le.PutUint64(b[0:], uc.Flags)
	le.PutUint64(b[8:], uc.Link)
	uc.Stack.put(b[ucStack:])
	uc.Mcontext.put((*[sigcontextSizeAMD64]byte)(b[ucMcontextX86:]))
	le.PutUint64(b[ucSigmaskX86:], uc.Sigmask)
}

// Decode reads a ucontext from b.
func (uc *UcontextAMD64) Decode(b *[UcontextSizeAMD64]byte) {
	uc.get(b[:])
}

func (uc *UcontextAMD64) get(b []byte) {
	le := binary.LittleEndian
	uc.Flags = le.Uint64(b[0:])
	uc.Link = le.Uint64(b[8:])
	uc.Stack.get(b[ucStack:])
	uc.Mcontext.get((*[sigcontextSizeAMD64]byte)(b[ucMcontextX86:]))
	uc.Sigmask = le.Uint64(b[ucSigmaskX86:])
}

// put and get spell the sigcontext out field by field, in layout order:
// constant offsets into an array need no bounds checks, and the frame
// is written and read on every signal.
func (sc *SigcontextAMD64) put(b *[sigcontextSizeAMD64]byte) {
	le := binary.LittleEndian
	le.PutUint64(b[0:], sc.R8)
	le.PutUint64(b[8:], sc.R9)
	le.PutUint64(b[16:], sc.R10)
	le.PutUint64(b[24:], sc.R11)
	le.PutUint64(b[32:], sc.R12)
	le.PutUint64(b[40:], sc.R13)
	le.PutUint64(b[48:], sc.R14)
	le.PutUint64(b[56:], sc.R15)
	le.PutUint64(b[64:], sc.DI)
	le.PutUint64(b[72:], sc.SI)
	le.PutUint64(b[80:], sc.BP)
	le.PutUint64(b[88:], sc.BX)
	le.PutUint64(b[96:], sc.DX)
	le.PutUint64(b[104:], sc.AX)
	le.PutUint64(b[112:], sc.CX)
	le.PutUint64(b[120:], sc.SP)
	le.PutUint64(b[128:], sc.IP)
	le.PutUint64(b[136:], sc.Flags)
	le.PutUint16(b[144:], sc.CS)
	le.PutUint16(b[146:], sc.GS)
	le.PutUint16(b[148:], sc.FS)
	le.PutUint16(b[150:], sc.SS)
	le.PutUint64(b[152:], sc.Err)
	le.PutUint64(b[160:], sc.Trapno)
	le.PutUint64(b[168:], sc.Oldmask)
	le.PutUint64(b[176:], sc.CR2)
	le.PutUint64(b[184:], sc.Fpstate)
	for i, v := range sc.Reserved1 {
		le.PutUint64(b[scReserved1+8*i:], v)
	}
}

func (sc *SigcontextAMD64) get(b *[sigcontextSizeAMD64]byte) {
	le := binary.LittleEndian
	sc.R8 = le.Uint64(b[0:])
	sc.R9 = le.Uint64(b[8:])
	sc.R10 = le.Uint64(b[16:])
	sc.R11 = le.Uint64(b[24:])
	sc.R12 = le.Uint64(b[32:])
	sc.R13 = le.Uint64(b[40:])
	sc.R14 = le.Uint64(b[48:])
	sc.R15 = le.Uint64(b[56:])
	sc.DI = le.Uint64(b[64:])
	sc.SI = le.Uint64(b[72:])
	sc.BP = le.Uint64(b[80:])
	sc.BX = le.Uint64(b[88:])
	sc.DX = le.Uint64(b[96:])
	sc.AX = le.Uint64(b[104:])
	sc.CX = le.Uint64(b[112:])
	sc.SP = le.Uint64(b[120:])
	sc.IP = le.Uint64(b[128:])
	sc.Flags = le.Uint64(b[136:])
	sc.CS = le.Uint16(b[144:])
	sc.GS = le.Uint16(b[146:])
	sc.FS = le.Uint16(b[148:])
	sc.SS = le.Uint16(b[150:])
	sc.Err = le.Uint64(b[152:])
	sc.Trapno = le.Uint64(b[160:])
	sc.Oldmask = le.Uint64(b[168:])
	sc.CR2 = le.Uint64(b[176:])
	sc.Fpstate = le.Uint64(b[184:])
	for i := range sc.Reserved1 {
		sc.Reserved1[i] = le.Uint64(b[scReserved1+8*i:])
	}
}
