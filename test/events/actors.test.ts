import { describe, expect, it } from 'vitest';
import { findActors } from '../../src/events/actors.js';

describe('findActors', () => {
  it('drops a compound adjective before a name ("Russian-occupied Ukraine" names Ukraine)', () => {
    expect(findActors('NATO would assist Ukraine to “go on the offensive to liberate Russian-occupied Ukraine.”')).toEqual(['NATO', 'Ukraine']);
    expect(findActors('Iran-backed Houthis and Kremlin-backed separatists met Jean-Noël Barrot.')).toEqual(['Houthis', 'Jean-Noël Barrot']);
    expect(findActors('The National Anti-Corruption Bureau alleged it.')).toEqual(['National Anti-Corruption Bureau']);
  });
});
