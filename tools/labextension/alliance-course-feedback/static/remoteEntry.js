/*
 * alliance-course-feedback: one click on "(view feedback)" opens the feedback page.
 *
 * nbgrader 0.9's Assignment List (its JupyterLab extension) makes the "(view feedback)" link
 * run `filebrowser:go-to-path` on the fetched feedback's folder,
 * `<assignment>/feedback/<timestamp>`, so a student lands in a folder and must find and open
 * the page themselves. This plugin watches that command: when it has gone to such a folder,
 * it opens each feedback page (`*.html`) of the folder in JupyterLab's HTML viewer (the lab
 * settings trust HTML files, tools/lab-overrides.json, so it shows as the formatted page).
 * Nothing else changes: any other path, and the file browser itself, behave as before.
 *
 * It needs none of JupyterLab's shared modules (only the application object every plugin
 * receives), so it is this one hand-written file, served from the course's own environment,
 * instead of a webpack build: JupyterLab loads a prebuilt ("federated") extension by running
 * its `load` script, which registers a container in `window._JUPYTERLAB[<name>]` with
 * `init(shareScope)` and `get(module)`; `get("./extension")` returns a factory of the module
 * whose default export is the plugin.
 */
(function () {
  'use strict';

  var NAME = 'alliance-course-feedback';
  // nbgrader's local feedback folder: <assignment>/feedback/<timestamp> (relative to the root)
  var FEEDBACK_FOLDER = /(^|\/)feedback\/[^/]+\/?$/;

  function feedbackPages(app, folder) {
    return app.serviceManager.contents.get(folder, { content: true }).then(function (model) {
      if (!model || model.type !== 'directory') {
        return [];
      }
      return model.content
        .filter(function (item) {
          return item.type === 'file' && /\.html$/i.test(item.name);
        })
        .map(function (item) {
          return item.path;
        })
        .sort();
    });
  }

  var plugin = {
    id: NAME + ':open-feedback',
    description: 'Open the feedback page when the Assignment List shows a feedback folder.',
    autoStart: true,
    activate: function (app) {
      app.commands.commandExecuted.connect(function (_, executed) {
        if (executed.id !== 'filebrowser:go-to-path') {
          return;
        }
        var folder = String((executed.args && executed.args.path) || '').replace(/\/$/, '');
        if (!FEEDBACK_FOLDER.test(folder)) {
          return;
        }
        Promise.resolve(executed.result)
          .then(function () {
            return feedbackPages(app, folder);
          })
          .then(function (pages) {
            return Promise.all(
              pages.map(function (path) {
                return app.commands.execute('docmanager:open', {
                  path: path,
                  factory: 'HTML Viewer'
                });
              })
            );
          })
          .catch(function (error) {
            console.warn(NAME + ': could not open the feedback in ' + folder, error);
          });
      });
    }
  };

  var container = {
    init: function () {
      return Promise.resolve();
    },
    get: function (module) {
      if (module !== './extension') {
        return Promise.reject(new Error(NAME + ' has no module ' + module));
      }
      return Promise.resolve(function () {
        return { __esModule: true, default: plugin };
      });
    }
  };

  var registry = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  registry[NAME] = container;
})();
