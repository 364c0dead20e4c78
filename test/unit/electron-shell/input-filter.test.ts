import { describe, expect, it } from 'vitest';
import { isBlockedInput, type KeyInput } from '../../../electron/shell-electron/input-filter';

function key(k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput {
  return { key: k, control: false, meta: false, alt: false, shift: false, type: 'keyDown', ...mods };
}

const ctrl = { control: true };
const cmd = { meta: true };
const ctrlShift = { control: true, shift: true };

describe('isBlockedInput', () => {
  it.each([
    ['Alt+F4', key('F4', { alt: true })],
    ['Alt+Tab', key('Tab', { alt: true })],
    ['Alt+Shift+Tab', key('Tab', { alt: true, shift: true })],
    ['Alt+Escape', key('Escape', { alt: true })],
    ['Alt+Left (history back)', key('ArrowLeft', { alt: true })],
    ['Alt+Right (history forward)', key('ArrowRight', { alt: true })],
    ['Alt+Home', key('Home', { alt: true })],
    ['Alt+Space (window menu)', key(' ', { alt: true })],
    ['Ctrl+W', key('w', ctrl)],
    ['Ctrl+Q', key('q', ctrl)],
    ['Ctrl+R', key('r', ctrl)],
    ['Ctrl+Shift+R', key('R', ctrlShift)],
    ['Cmd+W', key('w', cmd)],
    ['Cmd+Q', key('q', cmd)],
    ['Cmd+R', key('r', cmd)],
    ['Ctrl+Shift+I', key('I', ctrlShift)],
    ['Ctrl+Shift+J', key('J', ctrlShift)],
    ['Ctrl+Shift+C', key('C', ctrlShift)],
    ['Cmd+Shift+I', key('I', { meta: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl+Shift+Delete', key('Delete', ctrlShift)],
    ['Ctrl+Shift+Escape', key('Escape', ctrlShift)],
    ['Ctrl+N', key('n', ctrl)],
    ['Ctrl+T', key('t', ctrl)],
    ['Ctrl+P', key('p', ctrl)],
    ['Ctrl+F', key('f', ctrl)],
    ['Ctrl+U', key('u', ctrl)],
    ['Ctrl+L', key('l', ctrl)],
    ['Ctrl+O', key('o', ctrl)],
    ['Ctrl+S', key('s', ctrl)],
    ['Ctrl+Plus (zoom)', key('+', ctrl)],
    ['Ctrl+= (zoom)', key('=', ctrl)],
    ['Ctrl+Minus (zoom)', key('-', ctrl)],
    ['Ctrl+0 (zoom reset)', key('0', ctrl)],
    ['Ctrl+Tab', key('Tab', ctrl)],
    ['Ctrl+PageDown', key('PageDown', ctrl)],
    ['F1', key('F1')],
    ['F3', key('F3')],
    ['F5', key('F5')],
    ['F6', key('F6')],
    ['F7 (caret browsing)', key('F7')],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Shift+F10', key('F10', { shift: true })],
    ['F24', key('F24')],
    ['BrowserBack', key('BrowserBack')],
    ['BrowserRefresh', key('BrowserRefresh')],
    ['LaunchMail', key('LaunchMail')],
    ['ContextMenu', key('ContextMenu')],
    ['Meta alone', key('Meta', { meta: true })],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedInput(input)).toBe(true);
    expect(isBlockedInput({ ...input, type: 'keyUp' })).toBe(true);
  });

  it.each([
    ['letters', key('a')],
    ['capitals', key('A', { shift: true })],
    ['digits', key('7')],
    ['space', key(' ')],
    ['Chinese character', key('税')],
    ['IME processing', key('Process')],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Delete', key('Delete')],
    ['Tab (focus)', key('Tab')],
    ['Shift+Tab (focus back)', key('Tab', { shift: true })],
    ['Escape (close dialog)', key('Escape')],
    ['arrows', key('ArrowDown')],
    ['Home', key('Home')],
    ['Ctrl+C', key('c', ctrl)],
    ['Ctrl+V', key('v', ctrl)],
    ['Ctrl+X', key('x', ctrl)],
    ['Ctrl+A', key('a', ctrl)],
    ['Ctrl+Z', key('z', ctrl)],
    ['Ctrl+Shift+Z (redo)', key('Z', ctrlShift)],
    ['Ctrl+Backspace (delete word)', key('Backspace', ctrl)],
    ['Ctrl+Shift+Left (select word)', key('ArrowLeft', ctrlShift)],
    ['AltGr character (Ctrl+Alt+@ on some layouts)', key('@', { control: true, alt: true })],
    ['Shift alone', key('Shift', { shift: true })],
    ['Alt alone', key('Alt', { alt: true })],
    ['Alt+letter (mnemonics, no menu)', key('x', { alt: true })],
  ])('lets %s through', (_name, input) => {
    expect(isBlockedInput(input)).toBe(false);
  });

  it('lets devtools and reload through in dev only', () => {
    for (const input of [key('F12'), key('F5'), key('I', ctrlShift), key('J', ctrlShift), key('r', ctrl)]) {
      expect(isBlockedInput(input, { dev: false })).toBe(true);
      expect(isBlockedInput(input, { dev: true })).toBe(false);
    }
  });

  it('still blocks leaving the app in dev', () => {
    for (const input of [key('F4', { alt: true }), key('w', ctrl), key('q', ctrl), key('F11')]) {
      expect(isBlockedInput(input, { dev: true })).toBe(true);
    }
  });
});
