def test_register_then_login(client):
    response = client.post("/register", data={"email": "ada@example.com", "password": "correct horse"})
    assert response.status_code == 201
    response = client.post("/login", data={"email": "ada@example.com", "password": "correct horse"})
    assert response.status_code == 200
    assert "token" in response.get_json()


def test_login_rejects_a_wrong_password(client):
    client.post("/register", data={"email": "ada@example.com", "password": "correct horse"})
    response = client.post("/login", data={"email": "ada@example.com", "password": "wrong"})
    assert response.status_code == 401
