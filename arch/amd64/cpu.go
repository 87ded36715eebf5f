//go:build tamago && amd64

package amd64

import "unsafe"

// GDT selectors. Entries 1 and 2 are tamago's (its code keeps running on
// 0x08); the user entries sit where Linux has them (asm/segment.h) so that
// SYSRET's fixed arithmetic (STAR[63:48] + 8 for SS, + 16 for CS) yields
// Linux's __USER_DS and __USER_CS.
const (
	kernelCS  = 0x08
	kernelDS  = 0x10
	user32CS  = 0x23
	tssSel    = 0x38
	gdtLength = 10
)

// Model-specific registers (SDM Vol. 4, 2.1).
const (
	msrEFER   = 0xc0000080
	msrSTAR   = 0xc0000081
	msrLSTAR  = 0xc0000082
	msrFMASK  = 0xc0000084
	msrFSBase = 0xc0000100
	msrGSBase = 0xc0000101

	eferSCE = 1 << 0
	eferNXE = 1 << 11
)

// trapSyscall is the pseudo vector userEnter returns for a SYSCALL the
// fast path did not run; trapSyscallExit for one it ran, whose exit has
// work (FastPath).
const (
	trapSyscall     = 256
	trapSyscallExit = 257
)

var (
	gdt  [gdtLength]uint64
	tss  [13]uint64 // 104 bytes, the 64-bit TSS (SDM Vol. 3A, 8.7)
	idt  [2 * 256]uint64
	gdtr [2]uint64 // limit at byte 0, base at byte 2
	idtr [2]uint64
)

// defined in cpu.s
func lgdt(ptr uintptr)
func lidt(ptr uintptr)
func ltr(sel uint16)
func rdmsr(msr uint32) uint64
func wrmsr(msr uint32, v uint64)
func nullDataSegments()
func vectorAddr(v int) uintptr
func enableWriteProtect()
func cpuid(leaf, sub uint32) (a, b, c, d uint32)
func readCR4() uint64
func writeCR4(v uint64)

// defined in entry.s
func syscallEntry()
func syscallEntryAddr() uintptr

// Init prepares the CPU for ring 3: a GDT with user segments and a TSS,
// an IDT whose every vector knows whether it interrupted user mode,
// CR0.WP, SMEP and SMAP for user copies (uaccess.s) and the SYSCALL
// MSRs. Call it once, before the first Enter.
func Init() {
	initGDT()
	initIDT()
	enableWriteProtect()
	enableSMEPSMAP()

	wrmsr(msrEFER, rdmsr(msrEFER)|eferSCE|eferNXE)
	wrmsr(msrSTAR, uint64(user32CS&^3)<<48|uint64(kernelCS)<<32)
	wrmsr(msrLSTAR, uint64(syscallEntryAddr()))
	wrmsr(msrFMASK, FlagIF|FlagTF|FlagDF|FlagAC|0x4000)

	// IRET to ring 3 must not find a kernel selector in FS or GS: it
	// would null them and QEMU would clear the bases with them.
	nullDataSegments()
}

func initGDT() {
	gdt[1] = 0x00209a0000000000 // kernel code, 64-bit
	gdt[2] = 0x0000920000000000 // kernel data
	gdt[4] = 0x00cffa000000ffff // user code, 32-bit (SYSRET base only)
	gdt[5] = 0x00cff2000000ffff // user data
	gdt[6] = 0x0020fa0000000000 // user code, 64-bit

	base := uint64(uintptr(unsafe.Pointer(&tss)))
	limit := uint64(unsafe.Sizeof(tss) - 1)
	gdt[7] = limit&0xffff | (base&0xffffff)<<16 | 0x89<<40 |
		(limit>>16&0xf)<<48 | (base>>24&0xff)<<56
	gdt[8] = base >> 32

	// No I/O permission bitmap: its offset points past the TSS limit.
	*(*uint16)(unsafe.Add(unsafe.Pointer(&tss), 102)) = 104

	setPseudoDescriptor(&gdtr, uintptr(unsafe.Pointer(&gdt)), len(gdt)*8)
	lgdt(uintptr(unsafe.Pointer(&gdtr)))
	ltr(tssSel)
}

// initIDT points every vector at its stub in vectors.s. Interrupt gates
// (IF cleared on entry); #BP and #OF are reachable from ring 3 (DPL 3) as
// on Linux, so int3 traps instead of faulting.
func initIDT() {
	for v := range 256 {
		addr := vectorAddr(v)
		attr := uint64(0x8e)
		if v == 3 || v == 4 {
			attr = 0xee
		}

		a := uint64(addr)
		idt[2*v] = a&0xffff | kernelCS<<16 | attr<<40 | (a>>16&0xffff)<<48
		idt[2*v+1] = a >> 32
	}

	setPseudoDescriptor(&idtr, uintptr(unsafe.Pointer(&idt)), len(idt)*8)
	lidt(uintptr(unsafe.Pointer(&idtr)))
}

func setPseudoDescriptor(d *[2]uint64, base uintptr, size int) {
	p := unsafe.Pointer(d)
	*(*uint16)(p) = uint16(size - 1)
	*(*uint64)(unsafe.Add(p, 2)) = uint64(base)
}

// CPUID leaf 7 (EBX) and CR4 bits of SMEP and SMAP (SDM Vol. 3A, 4.6).
const (
	cpuidSMEP = 1 << 7
	cpuidSMAP = 1 << 20
	cr4SMEP   = 1 << 20
	cr4SMAP   = 1 << 21
)

// smap is set when CR4.SMAP is: the user copies (uaccess.s) then open
// their window with STAC and close it with CLAC, and an exception from
// ring 3 clears RFLAGS.AC, which the task may have set (trapCommon).
var smap bool

// enableSMEPSMAP turns on what the CPU has of SMEP (ring 0 never
// executes a user page) and SMAP (ring 0 touches a user page only with
// RFLAGS.AC set: in the user copies), as Linux does.
func enableSMEPSMAP() {
	hasSMEP, hasSMAP := CPUHasSMEPSMAP()

	cr4 := readCR4()
	if hasSMEP {
		cr4 |= cr4SMEP
	}
	if hasSMAP {
		cr4 |= cr4SMAP
		smap = true
	}
	writeCR4(cr4)
}

// SMEPSMAP reports whether CR4 has SMEP and SMAP set.
func SMEPSMAP() (smep, smapOn bool) {
	cr4 := readCR4()
	return cr4&cr4SMEP != 0, cr4&cr4SMAP != 0
}

// CPUHasSMEPSMAP reports whether CPUID offers SMEP and SMAP.
func CPUHasSMEPSMAP() (smep, smapOn bool) {
	if max, _, _, _ := cpuid(0, 0); max < 7 {
		return false, false
	}
	_, b, _, _ := cpuid(7, 0)
	return b&cpuidSMEP != 0, b&cpuidSMAP != 0
}
