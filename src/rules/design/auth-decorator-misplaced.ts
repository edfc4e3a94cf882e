import { authenticationOf, routeLabel, type RouteDecorator } from '../../models/flask/routes.js';
import { spanOf } from '../../lang/python/span.js';
import type { Rule } from '../rule.js';

export const authDecoratorMisplaced: Rule = {
  meta: {
    id: 'FCG504',
    name: 'auth-decorator-misplaced',
    family: 'design',
    severity: 'high',
    cwe: [862],
    title: 'Authentication decorator written above the route decorator, so the view is not protected',
    what: 'An authentication decorator (`@login_required`, `@jwt_required()`, `@auth_required`, `@roles_required(...)`, `@auth.login_required` of Flask-HTTPAuth, or a decorator defined in the same file whose wrapper checks `current_user`/`g.user`/the session/a token and aborts) written **above** `@app.route(...)`, `@bp.route(...)` or a method shortcut (`@app.post(...)`).',
    why: 'Decorators apply bottom-up. `@app.route` runs first and registers the plain function with Flask; `@login_required` then wraps that function, but the wrapper is only bound to the module-level name, which Flask never calls. Every request reaches the unwrapped view: anyone can use it without signing in (CWE-862). The code reads as protected, so reviews and tests that only look at decorators miss it.',
    bad: {
      lang: 'python',
      code: '@login_required\n@bp.route("/accounts/<int:account_id>", methods=["DELETE"])\ndef close_account(account_id):\n    ...',
    },
    good: {
      lang: 'python',
      code: '@bp.route("/accounts/<int:account_id>", methods=["DELETE"])\n@login_required\ndef close_account(account_id):\n    ...',
    },
    fix: 'Put the route decorator first (topmost) and every decorator that must run on each request (authentication, roles, rate limits) below it, closest to `def`.',
    limits:
      'Decorators are judged by name (`login_required`, `jwt_required`, `*_required`, `requires_*`…) unless they are defined in the same file, where the wrapper is read. A decorator imported from another module under an unusual name is not recognised. When another authentication decorator below the route decorator, a `before_request` guard of the blueprint or app in the same file, or the view itself (it reads `current_user`/`g.user`/the session user, or verifies a token) still protects the view, the finding is reported at low severity: the misplaced decorator does nothing, but the view is not open. A decorator between two stacked route decorators protects the upper route and is not reported.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    const index = ctx.python;
    if (!index || !ctx.models) return;
    const model = ctx.models.flask.routes;
    // One finding per misplaced decorator, naming every route it fails to protect.
    const byDecorator = new Map<number, { decorator: RouteDecorator; labels: string[]; protectedAnyway: boolean }>();
    for (const route of model.routes) {
      for (const decorator of route.misplaced) {
        let entry = byDecorator.get(decorator.node.id);
        if (!entry) {
          entry = { decorator, labels: [], protectedAnyway: true };
          byDecorator.set(decorator.node.id, entry);
        }
        entry.labels.push(routeLabel(route));
        if (!authenticationOf(index, route)) entry.protectedAnyway = false;
      }
    }
    for (const { decorator, labels, protectedAnyway } of byDecorator.values()) {
      const name = decorator.info.written || 'authentication decorator';
      const tail = protectedAnyway
        ? ' It has no effect; another decorator, a before_request guard or the view itself still checks the user (lowered to low).'
        : ' The view is served without authentication.';
      ctx.report({
        span: spanOf(decorator.node),
        severity: protectedAnyway ? 'low' : undefined,
        message: `@${name} is written above the route decorator of ${labels.join(', ')}: decorators apply bottom-up, so Flask registered the function before @${name} wrapped it.${tail} Move @${name} below the route decorator.`,
      });
    }
  },
};
