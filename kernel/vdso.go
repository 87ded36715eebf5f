package kernel

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// The vDSO (user/vdso/vdso.c, built by the Makefile for the target): an
// ELF shared object every task gets mapped, with the data page it reads
// (vvar) right below it, so that glibc's and musl's clock_gettime,
// gettimeofday and time need no syscall, as on Linux (arch_setup_
// additional_pages, the vvar and vdso special mappings). Kernel.VDSO is
// the image; without one, or without a clock the vDSO can read, tasks
// get no AT_SYSINFO_EHDR and the libcs make the syscalls.

// VDSO clock kinds: how the vDSO turns the CPU's counter into the
// kernel's nanoseconds (vvar.kind in vdso.c).
const (
	// VDSOClockTSC: the TSC times a float64 of nanoseconds per tick
	// (param holds its bits), as board/qemu/microvm's nanotime.
	VDSOClockTSC = 1
	// VDSOClockCNTVCT: the generic timer's virtual count at param Hz,
	// as arch/arm64's nanotime.
	VDSOClockCNTVCT = 2
)

// vdsoMachine is a Machine whose counter the vDSO can read from user
// mode.
type vdsoMachine interface {
	VDSOClock() (kind, param uint64)
}

// vdsoClock is a Clock that can say how the vDSO derives its clocks
// from the board's nanotime (systemClock).
type vdsoClock interface {
	vdsoTimes() (boot, wall int64)
}

// vvarSize is the data page's used part: kind, param, boot, wall.
const vvarSize = 32

// vvar returns the data page's content, or false when the machine or
// the clock cannot serve the vDSO.
func (k *Kernel) vvar() ([]byte, bool) {
	m, ok1 := k.Machine.(vdsoMachine)
	c, ok2 := k.clock().(vdsoClock)
	if !ok1 || !ok2 {
		return nil, false
	}
	kind, param := m.VDSOClock()
	if kind == 0 {
		return nil, false
	}
	boot, wall := c.vdsoTimes()

	b := make([]byte, vvarSize)
	le := binary.LittleEndian
	le.PutUint64(b[0:], kind)
	le.PutUint64(b[8:], param)
	le.PutUint64(b[16:], uint64(boot))
	le.PutUint64(b[24:], uint64(wall))
	return b, true
}

// mapVDSO maps the data page and the vDSO image at the top of the mmap
// area, in the gap below the stack, and returns the image's address for
// AT_SYSINFO_EHDR, 0 when the task gets no vDSO. The image must be one
// PT_LOAD at offset 0, which the build's linker script makes, so that it
// maps as it is.
func (k *Kernel) mapVDSO(as *mm.AddressSpace, layout mm.Layout) (uint64,
	error) {
	if len(k.VDSO) == 0 {
		return 0, nil
	}
	data, ok := k.vvar()
	if !ok {
		return 0, nil
	}
	if err := checkVDSO(k.VDSO); err != nil {
		return 0, err
	}

	vvarAddr := layout.MmapBase
	base := vvarAddr + abi.PageSize
	size := (uint64(len(k.VDSO)) + abi.PageSize - 1) &^ (abi.PageSize - 1)
	if err := as.Map(vvarAddr, abi.PageSize, mm.ProtRead, "[vvar]"); err != nil {
		return 0, fmt.Errorf("vvar: %w", err)
	}
	if err := as.Map(base, size, mm.ProtRead|mm.ProtExec,
		"[vdso]"); err != nil {
		return 0, fmt.Errorf("vdso: %w", err)
	}
	if err := as.Poke(vvarAddr, data); err != nil {
		return 0, err
	}
	if err := as.Poke(base, k.VDSO); err != nil {
		return 0, err
	}
	return base, nil
}

// checkVDSO checks that image maps as it is: an ELF shared object whose
// only PT_LOAD starts at offset and address 0.
func checkVDSO(image []byte) error {
	f, err := elf.NewFile(bytes.NewReader(image))
	if err != nil {
		return fmt.Errorf("vdso: %w", err)
	}
	var loads int
	for _, p := range f.Progs {
		if p.Type != elf.PT_LOAD {
			continue
		}
		loads++
		if p.Off != 0 || p.Vaddr != 0 || p.Filesz > uint64(len(image)) {
			return fmt.Errorf("vdso: PT_LOAD at offset %#x, address "+
				"%#x: not mappable as it is", p.Off, p.Vaddr)
		}
	}
	if f.Type != elf.ET_DYN || loads != 1 {
		return fmt.Errorf("vdso: want a shared object with one PT_LOAD")
	}
	return nil
}
