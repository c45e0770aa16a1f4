// GraphiQL for local mode: pick a demo user, and every request carries that user's development token.
// Outside local mode this page is not served (use any GraphQL client with a token from Keycloak).
(function () {
  'use strict';
  var DEFAULT_QUERY = [
    '# Every query for personal data declares a purpose; pick a user above first.',
    '# As lambeth.analyst, for example:',
    '{',
    '  searchSubjects(purpose: VVASB_PANEL, first: 5) {',
    '    edges { node { id givenName familyName agencies } }',
    '  }',
    '}',
    ''
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var select = document.getElementById('user');
  var status = document.getElementById('status');

  function render(headers) {
    root.render(React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: DEFAULT_QUERY,
      headers: headers,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: headers ? 'headers' : false
    }));
  }

  select.addEventListener('change', function () {
    if (!select.value) {
      render('');
      status.textContent = 'Signed out: requests carry no token.';
      return;
    }
    fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=' + encodeURIComponent(select.value) })
      .then(function (response) {
        if (!response.ok) throw new Error('the development issuer answered ' + response.status);
        return response.json();
      })
      .then(function (token) {
        render(JSON.stringify({ Authorization: 'Bearer ' + token.access_token }, null, 2));
        status.textContent = 'Requests are sent as ' + select.value + '.';
      })
      .catch(function (e) { status.textContent = 'No token: ' + e.message; });
  });

  fetch('/console/config', { headers: { Accept: 'application/json' } })
    .then(function (response) { return response.json(); })
    .then(function (config) {
      (config.users || []).forEach(function (user) {
        var option = document.createElement('option');
        option.value = user.username;
        option.textContent = user.username + ' (' + user.roles.filter(function (r) { return r.indexOf('default-roles') !== 0; }).join(', ') + ')';
        select.appendChild(option);
      });
    });
  render('');
})();
