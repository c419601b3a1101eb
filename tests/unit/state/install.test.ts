import { describe, expect, it } from 'vitest';
import { InstallState, type InstallEnvironment } from '$lib/state/install.svelte.ts';

function environment(opts: { standalone?: boolean; ios?: boolean } = {}) {
  const listeners = new Map<string, (event: Event) => void>();
  const env: InstallEnvironment = {
    addEventListener: (type, listener) => void listeners.set(type, listener),
    standalone: () => opts.standalone ?? false,
    ios: () => opts.ios ?? false,
  };
  const fire = (type: string, event: Event = new Event(type, { cancelable: true })) =>
    listeners.get(type)?.(event);
  return { env, fire };
}

function promptEvent(outcome: 'accepted' | 'dismissed') {
  const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
    prompted: 0,
    prompt: async () => void event.prompted++,
    userChoice: Promise.resolve({ outcome }),
  });
  return event;
}

describe('InstallState', () => {
  it('keeps the browser prompt for the Install button, and is installed once accepted', async () => {
    const { env, fire } = environment();
    const install = new InstallState(env);
    expect(install.way).toBe('menu');
    const event = promptEvent('accepted');
    fire('beforeinstallprompt', event);
    expect(event.defaultPrevented).toBe(true);
    expect(install.way).toBe('prompt');
    expect(await install.install()).toBe(true);
    expect(event.prompted).toBe(1);
    expect(install.way).toBe('installed');
  });

  it('a dismissed prompt is used up: the menu way is shown until the browser offers again', async () => {
    const { env, fire } = environment();
    const install = new InstallState(env);
    fire('beforeinstallprompt', promptEvent('dismissed'));
    expect(await install.install()).toBe(false);
    expect(install.way).toBe('menu');
    expect(await install.install()).toBe(false);
  });

  it('shows the steps on iPhone and iPad, and nothing to do when already installed', () => {
    expect(new InstallState(environment({ ios: true }).env).way).toBe('ios');
    expect(new InstallState(environment({ standalone: true }).env).way).toBe('installed');
    const { env, fire } = environment();
    const install = new InstallState(env);
    fire('appinstalled');
    expect(install.way).toBe('installed');
  });
});
