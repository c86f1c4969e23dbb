/**
 * A recording stand-in for the parts of Electron's API that the main process and the preload use.
 * Electron cannot run on the test machines (its binary is downloaded on first run), so the smoke
 * test loads the real bundles with this object in place of require('electron').
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

type Listener = (...args: any[]) => any;

export interface FakeOptions {
  userData: string;
  appPath: string;
  singleInstance?: boolean;
  openDialogResult?: { canceled: boolean; filePaths: string[] };
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame = new FakeFrame('about:blank');
  windowOpenHandler: Listener | null = null;
  readonly sent: unknown[][] = [];
  destroyed = false;
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  isLoading() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export function createFakeElectron(options: FakeOptions) {
  const calls = {
    singleInstanceLock: 0,
    quit: 0,
    exit: [] as number[],
    enableSandbox: 0,
    errorBoxes: [] as { title: string; content: string }[],
    openDialogs: [] as unknown[],
    saveDialogs: [] as unknown[],
    messageBoxes: [] as unknown[],
    focus: 0,
    appUserModelId: [] as string[],
    switches: [] as [string, string | undefined][],
  };
  /** Answers for the next dialogs, first in first out; an empty queue answers "cancelled". */
  const answers = {
    open: [] as { canceled: boolean; filePaths: string[] }[],
    save: [] as { canceled: boolean; filePath?: string }[],
  };
  const handlers = new Map<string, Listener>();
  const windows: FakeBrowserWindow[] = [];
  const headerHandlers: Listener[] = [];
  const permissionRequestHandlers: Listener[] = [];
  const permissionCheckHandlers: Listener[] = [];
  const menus: { template: any[] }[] = [];
  let applicationMenu: { template: any[] } | null = null;

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => {
      calls.singleInstanceLock++;
      return options.singleInstance ?? true;
    },
    quit: () => {
      calls.quit++;
    },
    exit: (code = 0) => {
      calls.exit.push(code);
    },
    enableSandbox: () => {
      calls.enableSandbox++;
    },
    setAppUserModelId: (id: string) => calls.appUserModelId.push(id),
    commandLine: { appendSwitch: (name: string, value?: string) => calls.switches.push([name, value]) },
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`stand-in app.getPath: unexpected ${name}`);
      return options.userData;
    },
    getAppPath: () => options.appPath,
    getVersion: () => '0.0.0-test',
  });

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedFile: string | null = null;
    maximized = false;
    shown = false;
    constructor(readonly options: Record<string, any>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
    }
    async loadFile(file: string) {
      this.loadedFile = file;
      this.webContents.mainFrame.url = pathToFileURL(file).href;
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {
      this.shown = true;
    }
    focus() {
      calls.focus++;
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    getNormalBounds() {
      return { x: 40, y: 30, width: this.options.width, height: this.options.height };
    }
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle(channel: string, fn: Listener) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, fn);
      },
      removeHandler(channel: string) {
        handlers.delete(channel);
      },
      on() {
        throw new Error('the app must not use ipcMain.on');
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived(...args: any[]) {
            headerHandlers.push(args[args.length - 1]);
          },
        },
        setPermissionRequestHandler: (fn: Listener) => permissionRequestHandlers.push(fn),
        setPermissionCheckHandler: (fn: Listener) => permissionCheckHandlers.push(fn),
      },
    },
    Menu: {
      buildFromTemplate: (template: any[]) => {
        const menu = { template };
        menus.push(menu);
        return menu;
      },
      setApplicationMenu: (menu: { template: any[] }) => {
        applicationMenu = menu;
      },
    },
    dialog: {
      showOpenDialog: async (...args: any[]) => {
        calls.openDialogs.push(args[args.length - 1]);
        return answers.open.shift() ?? options.openDialogResult ?? { canceled: true, filePaths: [] };
      },
      showSaveDialog: async (...args: any[]) => {
        calls.saveDialogs.push(args[args.length - 1]);
        return answers.save.shift() ?? { canceled: true };
      },
      showErrorBox: (title: string, content: string) => calls.errorBoxes.push({ title, content }),
      showMessageBox: async (...args: any[]) => {
        calls.messageBoxes.push(args[args.length - 1]);
        return { response: 0, checkboxChecked: false };
      },
    },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    shell: {
      openExternal: () => {
        throw new Error('the app must not open external URLs');
      },
    },
  };

  return {
    electron,
    calls,
    answers,
    handlers,
    windows,
    headerHandlers,
    permissionRequestHandlers,
    permissionCheckHandlers,
    menus,
    get applicationMenu() {
      return applicationMenu;
    },
  };
}

/** Stand-in for the two modules a sandboxed preload gets from require('electron'). */
export function createFakePreloadElectron() {
  const exposed = new Map<string, any>();
  const invocations: unknown[][] = [];
  const renderer = new EventEmitter();
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (exposed.has(key)) throw new Error(`${key} exposed twice`);
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invocations.push(args);
        return Promise.resolve({ ok: true, value: args[0] });
      },
      on: (channel: string, listener: Listener) => renderer.on(channel, listener),
      removeListener: (channel: string, listener: Listener) => renderer.removeListener(channel, listener),
    },
  };
  return { electron, exposed, invocations, renderer };
}
